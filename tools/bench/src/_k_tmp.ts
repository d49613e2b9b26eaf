import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@mimo/backend';
import { userLoopTraining, UserLoopName } from './user-loop';
async function main() {
  await initBackend({ backend: 'torch', requestedBy: 'x' });
  const addon = (tf.backend() as unknown as { addon: { configure(o: object): object } }).addon;
  console.log(addon.configure({ kernelThread: process.argv[4] === 'on' }));
  const name = (process.argv[2] ?? 'mlp') as UserLoopName;
  const steps = Number(process.argv[3] ?? 3000);
  const t = userLoopTraining(name, 64);
  for (let i = 0; i < 300; i++) await t.step();
  for (let r = 0; r < 5; r++) {
    const s = process.hrtime.bigint();
    for (let i = 0; i < steps; i++) await t.step();
    console.log(name, process.argv[4], (Number(process.hrtime.bigint() - s) / 1e3 / steps).toFixed(1), 'us/step');
  }
  t.dispose();
}
main();
