// One process of the data-parallel tests (data-parallel.spec.ts), run through tsx: trains a spec on seeded
// random examples, alone or as one rank of the group torchrun's environment describes, then writes its final
// weights to <out>/<rank>.json. MIMO_TEST_RUN (JSON) says what to train and which failure to stage.
import * as tf from '@tensorflow/tfjs';
import { initBackend, isDistributedLaunch, TorchProcessGroup } from '@mimo/backend';
import { buildModel, installFusedLayers, ModelSpecInput, parseModelSpec, randomInputs, randomTargets, Trainer, TrainerCallback } from '@mimo/core';
import { subsetData } from '@mimo/core/internal';
import { writeFileSync } from 'fs';
import * as path from 'path';

export interface RankRun {
  spec: ModelSpecInput;
  examples: number;
  batchSize: number;
  epochs: number;
  optimizer: 'adam' | 'sgd';
  learningRate: number;
  /** Train alone on the examples followed by their first `repeatFirst` again (what the ranks' shards pad with). */
  repeatFirst?: number;
  /** At optimizer step `step` (0-based), this rank throws, is SIGKILLed, or gets NaN weights. */
  failure?: { rank: number; step: number; kind: 'throw' | 'kill' | 'nan' };
  out: string;
}

function staged(failure: RankRun['failure'], rank: number, model: tf.LayersModel): TrainerCallback[] {
  if (!failure || failure.rank !== rank) return [];
  let step = 0;
  return [
    {
      onBatchBegin: () => {
        if (step++ !== failure.step) return;
        if (failure.kind === 'kill') process.kill(process.pid, 'SIGKILL');
        if (failure.kind === 'throw') throw new Error(`staged failure of rank ${rank}`);
        const first = model.trainableWeights[0];
        first.write(tf.fill(first.shape as number[], NaN));
      },
    },
  ];
}

async function main(): Promise<void> {
  const run = JSON.parse(process.env.MIMO_TEST_RUN ?? '{}') as RankRun;
  installFusedLayers();
  await initBackend({ backend: 'torch' });
  const group = isDistributedLaunch() ? await TorchProcessGroup.join() : undefined;
  const spec = parseModelSpec(run.spec);
  let data = { xs: randomInputs(spec, run.examples, 1), ys: randomTargets(spec, run.examples, 2) };
  if (run.repeatFirst) data = subsetData(data, [...Array.from({ length: run.examples }, (_, i) => i), ...Array.from({ length: run.repeatFirst }, (_, i) => i)]);
  const model = buildModel(spec);
  const trainer = new Trainer(model, spec, { epochs: run.epochs, batchSize: run.batchSize, shuffle: false, optimizer: { type: run.optimizer, learningRate: run.learningRate } });
  await trainer.fit(data, { dataParallel: group, callbacks: staged(run.failure, group?.rank ?? 0, model) });
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  writeFileSync(path.join(run.out, `${group ? `rank${group.rank}` : 'single'}.json`), JSON.stringify({ steps: trainer.steps, weights }));
  group?.leave();
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
