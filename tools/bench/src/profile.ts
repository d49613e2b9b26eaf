import { describeBackend, initBackend } from '@mimo/backend';
import { appTraining, BENCH_APPS, loadAppBatch } from './app-models';
import { BENCH_MODELS, BenchModelName } from './bench-models';
import { flagValue } from './flags';
import { profileTraining } from './kernel-profile';
import { benchModelTraining, TimedTraining } from './measure';
import { USER_LOOPS, UserLoopName, userLoopTraining } from './user-loop';

/**
 * `npm run bench:profile -- [--model mlp|cnn|lstm|gru|loop:mlp|loop:lstm|loop:mlp-replayed|loop:lstm-replayed|loop:mlp-mimo-loss|loop:lstm-mimo-loss|loop:mlp-installed-losses|loop:lstm-installed-losses|healthcare|nlp|finance|autonomous] [--backend NAME]
 * [--steps 200] [--batch 64] [--top 25]`: where one training step's time goes on a backend — the step's time,
 * the share inside kernel bodies (the rest is tfjs's engine and the model code), and the kernels by time.
 */
async function main(argv: string[]): Promise<void> {
  const flag = (name: string, fallback: string) => flagValue(argv, name, fallback);
  const model = flag('model', 'mlp');
  const steps = Number(flag('steps', '200'));
  const batchSize = Number(flag('batch', '64'));
  const backend = flagValue(argv, 'backend', undefined);
  const choice = await initBackend({ backend, requestedBy: '--backend' });
  let training: TimedTraining;
  if ((BENCH_MODELS as readonly string[]).includes(model)) training = benchModelTraining(model as BenchModelName, batchSize);
  else if (model in BENCH_APPS) training = appTraining(await loadAppBatch(model, batchSize));
  else if (USER_LOOPS.some((loop) => model === `loop:${loop}`)) training = userLoopTraining(model.slice('loop:'.length) as UserLoopName, batchSize);
  else throw new Error(`--model must be one of ${[...BENCH_MODELS, ...USER_LOOPS.map((loop) => `loop:${loop}`), ...Object.keys(BENCH_APPS)].join(', ')}. Received: ${model}`);
  try {
    // 10 warm-up steps: kernels compiled, allocator primed.
    const { stepMs, inKernelsMs, callsPerStep, kernels } = await profileTraining(training, steps, 10);
    const rows = kernels.slice(0, Number(flag('top', '25'))).map((k) => {
      const perStep = k.milliseconds / steps;
      return `| ${k.kernel} | ${perStep.toFixed(3)} | ${(k.calls / steps).toFixed(1)} | ${((k.milliseconds / k.calls) * 1000).toFixed(1)} |`;
    });
    process.stdout.write(
      [
        describeBackend(choice),
        `${model}, batch ${batchSize}, ${steps} steps after 10 warm-up steps: ${stepMs.toFixed(3)} ms per step, ` +
          `${inKernelsMs.toFixed(3)} ms in kernel bodies, ${callsPerStep.toFixed(0)} kernel calls`,
        '',
        '| kernel | ms per step | calls per step | µs per call |',
        '| --- | --- | --- | --- |',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    training.dispose();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
