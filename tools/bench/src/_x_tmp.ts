import { initBackend } from '@mimo/backend';
import { userLoopTraining, UserLoopName } from './user-loop';
async function main() {
  await initBackend({ backend: 'torch', requestedBy: 'x' });
  const name = (process.argv[2] ?? 'mlp') as UserLoopName;
  const steps = Number(process.argv[3] ?? 3000);
  const t = userLoopTraining(name, 64);
  for (let i = 0; i < 300; i++) await t.step();
  for (let r = 0; r < 5; r++) {
    const s = process.hrtime.bigint();
    for (let i = 0; i < steps; i++) await t.step();
    console.log(name, (Number(process.hrtime.bigint() - s) / 1e3 / steps).toFixed(1), 'us/step');
  }
  t.dispose();
}
main();
