import * as tf from '@tensorflow/tfjs';
import { AppModelCard, readAppCard } from '@mimo/app-kit';
import { loadBundle } from '@mimo/core';
import { FinanceExample } from '../data/build-examples';
import { exampleInputs } from '../data/example-tensors';
import { loadFinanceDataset } from '../data/prepare-finance';
import { financeScores, FinanceScores } from './finance-metrics';

/** One bundle on its own test split: the model's two heads scored, and the naive baselines on the same days. */
export interface ScoredBundle {
  name: string;
  /** The spec's name, e.g. `sp500_lstm` or `stocknet_conv1d__prices` (the kit's `--inputs` suffix). */
  spec: string;
  card: AppModelCard;
  test: FinanceExample[];
  predictedReturns: number[];
  upProbabilities: number[];
  /** `next_return` head: RMSE, MAE, directional accuracy and MCC of its sign. */
  returnHead: FinanceScores;
  /** `direction` head (up when p > 0.5): accuracy and MCC (RMSE / MAE not defined). */
  directionHead: FinanceScores;
  baselines: Record<'zero return / majority class' | "yesterday's return", FinanceScores>;
}

const up = (values: readonly number[], threshold: number) => values.map((v) => (v > threshold ? 1 : 0));

/** Loads a bundle, re-prepares its data with the saved preprocessing (no refit) and scores its test split. */
export async function scoreBundle(name: string, dir: string): Promise<ScoredBundle> {
  const bundle = await loadBundle(dir);
  try {
    const card = readAppCard(bundle.card, dir);
    const { splits, preprocessing } = await loadFinanceDataset({ data: card.data.path, seed: card.seed, preprocessing: bundle.preprocessing, tiny: card.data.tiny });
    const test = splits.test;
    const inputs = exampleInputs(test, preprocessing);
    const outputs = tf.tidy(() => {
      const out = bundle.model.predict(bundle.model.inputNames.map((input) => inputs[input]), { batchSize: 256 }) as tf.Tensor[];
      return out.map((t) => Array.from(t.dataSync()));
    });
    tf.dispose(Object.values(inputs));
    const predictedReturns = outputs[bundle.model.outputNames.indexOf('next_return')];
    const upProbabilities = outputs[bundle.model.outputNames.indexOf('direction')];
    const returns = test.map((e) => e.nextReturn);
    const labels = test.map((e) => e.direction);
    const majority = preprocessing.state.trainUpShare >= 0.5 ? 1 : 0;
    const yesterday = test.map((e) => e.lastReturn);
    return {
      name,
      spec: bundle.spec.name,
      card,
      test,
      predictedReturns,
      upProbabilities,
      returnHead: financeScores(returns, labels, predictedReturns, up(predictedReturns, 0)),
      directionHead: financeScores(returns, labels, null, up(upProbabilities, 0.5)),
      baselines: {
        'zero return / majority class': financeScores(returns, labels, returns.map(() => 0), labels.map(() => majority)),
        "yesterday's return": financeScores(returns, labels, yesterday, up(yesterday, 0)),
      },
    };
  } finally {
    bundle.model.dispose();
  }
}
