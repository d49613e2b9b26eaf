// `npm run bench:distributed`: data-parallel training on this machine, measured, and projected onto clusters.
// For the bench MLP and each app's default model it trains the same global batches (64 examples a step) as
//   one process × 2 threads  and  2 ranks × 1 thread (c10d Gloo on 127.0.0.1, 32 examples per rank),
// in several alternating repetitions, each a fresh set of processes timing the Trainer's `fit` after a
// warm-up fit, and prints samples/s (median, spread), the efficiency of the ranks, the bytes each step
// allreduces, and what a ring allreduce of those bytes would cost on 8 and 64 machines at 10 and 100 Gbit/s.
//   npm run bench:distributed -- [--reps N] [--steps N] [--models mlp,healthcare,…]
import * as tf from '@tensorflow/tfjs';
import { describeMachine, disposeData, machineInfo } from '@mimo/app-kit';
import { initBackend, isDistributedLaunch, TorchProcessGroup } from '@mimo/backend';
import { buildModel, installFusedLayers, ModelSpec, parseModelSpec, Trainer, TrainingData } from '@mimo/core';
import { subsetData } from '@mimo/core/internal';
import { spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BENCH_APPS, loadAppBatch } from './app-models';
import { Measurement, summarise } from './measure';

const GLOBAL_BATCH = 64;
const MODELS = ['mlp', ...Object.keys(BENCH_APPS)];

/** The bench's MLP (tools/bench/src/bench-models.ts) as a Mimo spec: 64 → Dense 256-256 → regression. */
const MLP_SPEC = parseModelSpec({
  name: 'bench_mlp',
  inputs: { x: { kind: 'numeric', size: 64, encoder: { type: 'dense', units: [256, 256] } } },
  heads: { y: { type: 'regression' } },
  seed: 1,
});

interface WorkerJob {
  model: string;
  steps: number;
  out: string;
}

/** The model's spec and `count` training examples: the app's real first examples, repeated. */
async function examplesFor(model: string, count: number): Promise<{ spec: ModelSpec; data: TrainingData }> {
  if (model === 'mlp') {
    return { spec: MLP_SPEC, data: { xs: { x: tf.randomNormal([count, 64], 0, 1, 'float32', 1) }, ys: { y: tf.randomNormal([count, 1], 0, 1, 'float32', 2) } } };
  }
  const app = await loadAppBatch(model, GLOBAL_BATCH);
  const data = subsetData(app.batch, Array.from({ length: count }, (_, i) => i % app.examples));
  app.dispose();
  return { spec: app.spec, data };
}

/** One process of a measurement: a warm-up fit of 3 steps, then a timed fit of `steps` global batches. */
async function worker(job: WorkerJob): Promise<void> {
  installFusedLayers();
  await initBackend({ backend: 'torch' });
  const group = isDistributedLaunch() ? await TorchProcessGroup.join() : undefined;
  const world = group?.worldSize ?? 1;
  const { spec, data } = await examplesFor(job.model, job.steps * GLOBAL_BATCH);
  const model = buildModel(spec);
  const trainer = new Trainer(model, spec, { epochs: 1, batchSize: GLOBAL_BATCH / world, shuffle: false });
  const warmUp = subsetData(data, Array.from({ length: 3 * GLOBAL_BATCH }, (_, i) => i));
  await trainer.fit(warmUp, { dataParallel: group });
  disposeData(warmUp);
  const started = performance.now();
  await trainer.fit(data, { dataParallel: group });
  const seconds = (performance.now() - started) / 1000;
  if (!group || group.rank === 0) {
    const params = model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
    process.stdout.write(`${JSON.stringify({ samplesPerSecond: (job.steps * GLOBAL_BATCH) / seconds, params })}\n`);
  }
  group?.leave();
}

function runWorker(job: WorkerJob, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename], { env: { ...process.env, ...env, MIMO_BENCH_JOB: JSON.stringify(job) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${job.model}: a worker exited with ${code}`))));
  });
}

interface Run {
  samplesPerSecond: number;
  params: number;
}

async function measure(job: WorkerJob, ranks: number, threadsEach: number): Promise<Run> {
  const store = path.join(job.out, `store-${Date.now()}`);
  const outputs = await Promise.all(
    Array.from({ length: ranks }, (_, rank) =>
      runWorker(job, { MIMO_THREADS: String(threadsEach), ...(ranks > 1 ? { RANK: String(rank), WORLD_SIZE: String(ranks), MIMO_DIST_FILE: store } : {}) }),
    ),
  );
  return JSON.parse(outputs.find((o) => o.trim())!.trim()) as Run;
}


/** Seconds of one ring allreduce of `bytes` over `machines` at `gbits` per second (bandwidth term only). */
function ringAllreduceSeconds(bytes: number, machines: number, gbits: number): number {
  return ((2 * (machines - 1)) / machines) * ((bytes * 8) / (gbits * 1e9));
}

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const reps = Number(flag(args, 'reps') ?? 3);
  const steps = Number(flag(args, 'steps') ?? 30);
  const models = (flag(args, 'models') ?? MODELS.join(',')).split(',');
  const out = mkdtempSync(path.join(os.tmpdir(), 'mimo-ddp-bench-'));
  const rows: string[] = [];
  const projections: string[] = [];
  try {
    console.log(`machine: ${describeMachine(machineInfo())}; global batch ${GLOBAL_BATCH}, ${steps} timed steps, ${reps} repetitions (alternating)`);
    for (const model of models) {
      const single: number[] = [];
      const ranks: number[] = [];
      let params = 0;
      for (let rep = 0; rep < reps; rep++) {
        const one = await measure({ model, steps, out }, 1, 2);
        const two = await measure({ model, steps, out }, 2, 1);
        single.push(one.samplesPerSecond);
        ranks.push(two.samplesPerSecond);
        params = one.params;
        console.log(`${model} rep ${rep + 1}: 1 × 2 threads ${one.samplesPerSecond.toFixed(0)} samples/s, 2 ranks × 1 thread ${two.samplesPerSecond.toFixed(0)} samples/s`);
      }
      const bytes = params * 4;
      const [alone, together] = [summarise(single), summarise(ranks)];
      const stepSeconds = GLOBAL_BATCH / alone.median;
      // ± half the range of the repetitions, relative to the median.
      const cell = (m: Measurement) => `${m.median.toFixed(0)} (±${(m.spread * 50).toFixed(0)} %)`;
      rows.push(`| ${model} | ${cell(alone)} | ${cell(together)} | ${(together.median / alone.median).toFixed(2)} | ${params.toLocaleString('en')} | ${(bytes / 1e6).toFixed(2)} MB |`);
      const cells = [8, 64].flatMap((machines) => [10, 100].map((gbits) => `${(ringAllreduceSeconds(bytes, machines, gbits) * 1000).toFixed(2)} ms`));
      projections.push(`| ${model} | ${(stepSeconds * 1000).toFixed(1)} ms | ${cells.join(' | ')} |`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  console.log('\n| model | 1 process × 2 threads, samples/s | 2 ranks × 1 thread, samples/s | ratio | trainable parameters | allreduced per step |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  rows.forEach((row) => console.log(row));
  console.log('\n| model | step here (1 × 2 threads) | ring allreduce, 8 machines, 10 Gbit/s | 8, 100 Gbit/s | 64, 10 Gbit/s | 64, 100 Gbit/s |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  projections.forEach((row) => console.log(row));
}

if (process.env.MIMO_BENCH_JOB) {
  worker(JSON.parse(process.env.MIMO_BENCH_JOB) as WorkerJob).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
} else {
  main(process.argv.slice(2)).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
