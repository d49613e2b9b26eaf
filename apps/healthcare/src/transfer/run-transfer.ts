import { AppPlugin, readAppCard, runTrain, TrainOptions } from '@mimo/app-kit';
import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as path from 'path';
import { MeanStd, summarizeFolds } from '../cv/fold-summary';
import { loadPretrainedXray } from './pretrained-xray';
import { FINE_TUNE_LEARNING_RATE, stagePlugin, TRANSFER_STAGES, TransferStage } from './transfer-stages';

export interface TransferOptions {
  /** The pretrained PneumoniaMNIST bundle. */
  source: string;
  /** The patient data (default: the default cohort). */
  data?: string;
  /** Folder of the runs: `<out>/seed-<seed>/<stage>` bundles and `<out>/transfer.json`. */
  out: string;
  /** Epochs of the frozen run; scratch gets epochs + fineTuneEpochs, the same budget as frozen + fine-tuned. */
  epochs: number;
  fineTuneEpochs: number;
  batchSize: number;
  patience: number;
  seeds: number[];
  tiny: boolean;
}

export interface TransferRun {
  seed: number;
  stage: TransferStage;
  bundle: string;
  epochs: number;
  /** Test metrics of the main head. */
  test: Record<string, number>;
}

export interface TransferRecord {
  source: { dir: string; data: string; n: { train: number; val: number; test: number }; test: Record<string, number> };
  data: string;
  head: string;
  seeds: number[];
  epochs: number;
  fineTuneEpochs: number;
  fineTuneLearningRate: number;
  batchSize: number;
  patience: number;
  backend: string;
  tiny: boolean;
  runs: TransferRun[];
  /** Mean ± std across seeds, per stage and metric. */
  summary: Record<TransferStage, Record<string, MeanStd>>;
}

/**
 * Pretrained encoder → frozen → fine-tuned, and the same architecture from scratch, on the same data split and
 * seed(s); every run is a bundle, all are recorded in `<out>/transfer.json`.
 */
export async function runTransfer(base: AppPlugin, options: TransferOptions, log: (line: string) => void): Promise<TransferRecord> {
  const source = await loadPretrainedXray(options.source);
  const runs: TransferRun[] = [];
  let data = '';
  let head = '';
  try {
    const sourceCard = readAppCard(source.card, options.source);
    const sourceHead = Object.keys(sourceCard.heads)[0];
    for (const seed of options.seeds) {
      const train = async (stage: TransferStage, epochs: number, frozenDir?: string) => {
        const settings: TrainOptions = { data: options.data, out: path.join(options.out, `seed-${seed}`, stage), epochs, batchSize: options.batchSize, seed, patience: options.patience, tiny: options.tiny };
        const result = await runTrain(stagePlugin(base, { stage, source, sourceDir: options.source, frozenDir }), settings, log);
        head = 'outcome' in result.card.heads ? 'outcome' : Object.keys(result.card.heads)[0];
        data = result.card.data.name;
        runs.push({ seed, stage, bundle: result.dir, epochs: result.card.epochs.completed, test: result.card.metrics.test[head] });
        return result.dir;
      };
      const frozenDir = await train('frozen', options.epochs);
      await train('fine_tuned', options.fineTuneEpochs, frozenDir);
      await train('scratch', options.epochs + options.fineTuneEpochs);
    }
    const record: TransferRecord = {
      source: { dir: options.source, data: sourceCard.data.name, n: sourceCard.data.n, test: sourceCard.metrics.test[sourceHead] },
      data,
      head,
      seeds: options.seeds,
      epochs: options.epochs,
      fineTuneEpochs: options.fineTuneEpochs,
      fineTuneLearningRate: FINE_TUNE_LEARNING_RATE,
      batchSize: options.batchSize,
      patience: options.patience,
      backend: tf.getBackend(),
      tiny: options.tiny,
      runs,
      summary: Object.fromEntries(TRANSFER_STAGES.map((stage) => [stage, summarizeFolds(runs.filter((r) => r.stage === stage).map((r) => r.test))])) as TransferRecord['summary'],
    };
    await fs.mkdir(options.out, { recursive: true });
    await fs.writeFile(path.join(options.out, 'transfer.json'), `${JSON.stringify(record, null, 2)}\n`);
    return record;
  } finally {
    source.model.dispose();
  }
}
