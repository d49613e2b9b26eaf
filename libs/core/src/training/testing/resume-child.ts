/**
 * A training run in its own process, for the SIGKILL resume test:
 *   node -r tsx/cjs resume-child.ts <dir> full|kill|resume
 * `kill` SIGKILLs itself in the middle of epoch 3; `resume` continues from `<dir>/checkpoints/last`. `full` and
 * `resume` write the final weights and history to `<dir>/result.json`.
 */
import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as path from 'path';
import { buildModel } from '../../model/build-model';
import { TrainerCallback } from '../callbacks/trainer-callback';
import { Trainer } from '../trainer/trainer';
import { resumeRunConfig } from './resume-run';
import { tinyData, tinySpec, weightValues } from './training-fixtures';

async function main(): Promise<void> {
  const [dir, mode] = process.argv.slice(2);
  tf.env().set('PROD', true); // no "install tfjs-node" banner on stderr
  await tf.setBackend('cpu');
  const model = buildModel(tinySpec);
  const trainer = new Trainer(model, tinySpec, resumeRunConfig(dir));
  let epoch = 0;
  const killer: TrainerCallback = {
    onEpochBegin: (e) => void (epoch = e),
    onBatchEnd: (batch) => {
      if (mode === 'kill' && epoch === 2 && batch === 1) process.kill(process.pid, 'SIGKILL');
    },
  };
  const history = await trainer.fit(tinyData(48), {
    callbacks: [killer],
    resumeFrom: mode === 'resume' ? path.join(dir, 'checkpoints', 'last') : undefined,
  });
  await fs.writeFile(path.join(dir, 'result.json'), JSON.stringify({ history, weights: weightValues(model) }));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
