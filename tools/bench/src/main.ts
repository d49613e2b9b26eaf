import * as tf from '@tensorflow/tfjs';
import { describeBackend, fallbackCounts, initBackend, resetFallbackCounts } from '@mimo/backend';
import * as os from 'os';
import { AppBatch, appTraining, appTwinJob, BENCH_APPS, loadAppBatch } from './app-models';
import { BENCH_MODELS, BenchModelName, buildBenchModel } from './bench-models';
import { flagValue } from './flags';
import { benchModelTraining, measureTraining, MeasureOptions, TimedTraining } from './measure';
import { measurePytorch, measurePytorchTwin, TwinJob } from './pytorch-reference';
import { BenchRow, formatTable } from './report-table';

/** A row of the table: how to build its training step on the active backend, and its PyTorch twin's job (apps). */
interface Subject {
  row: BenchRow;
  /** Examples per step. */
  examples: number;
  training: () => TimedTraining;
  twin?: TwinJob & { tfjsParams: number };
}

/**
 * `npm run bench [-- --backends cpu,wasm,torch --reps 5 --min-seconds 1.5 --batch 64 --models mlp,cnn,lstm,gru
 * --apps healthcare,nlp,finance,autonomous|none --no-pytorch]`: training samples/s of the bench models and of
 * each app's default model (a batch of its real data) on each backend in one process, with PyTorch's twins of
 * both (pytorch_bench.py, pytorch_twin.py) alongside when python3 has torch.
 */
async function main(argv: string[]): Promise<void> {
  const flag = (name: string, fallback: string) => flagValue(argv, name, fallback);
  const list = (name: string, all: readonly string[]) => flag(name, all.join(',')).split(',').filter((item) => all.includes(item));
  const backends = flag('backends', 'cpu,wasm,torch').split(',');
  const models = list('models', BENCH_MODELS) as BenchModelName[];
  const apps = list('apps', Object.keys(BENCH_APPS));
  const batchSize = Number(flag('batch', '64'));
  const options: MeasureOptions = { repetitions: Number(flag('reps', '5')), minSeconds: Number(flag('min-seconds', '1.5')), warmupSteps: 2 };
  const lines = [`machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, tfjs ${tf.version.tfjs}`];

  const subjects: Subject[] = models.map((model) => {
    const built = buildBenchModel(model, 1);
    built.model.dispose();
    tf.dispose([built.x, built.y]);
    return { row: { model, description: built.description, results: {} }, examples: batchSize, training: () => benchModelTraining(model, batchSize) };
  });
  const appBatches: AppBatch[] = [];
  for (const app of apps) {
    process.stderr.write(`loading ${app}'s data…\n`);
    const batch = await loadAppBatch(app, batchSize);
    appBatches.push(batch);
    const row = { model: `app:${app}`, description: `${batch.description}, batch of ${batch.examples}`, results: {} };
    subjects.push({ row, examples: batch.examples, training: () => appTraining(batch), twin: appTwinJob(batch) });
  }

  let threads = os.cpus().length;
  let device = 'cpu';
  for (const backend of backends) {
    let choice;
    try {
      choice = await initBackend({ backend, requestedBy: '--backends' });
    } catch (error) {
      for (const { row } of subjects) row.results[backend] = `unavailable`;
      lines.push(`${backend}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    lines.push(describeBackend(choice));
    if (backend === 'torch') {
      threads = choice.threads ?? threads;
      device = choice.device;
    }
    for (const { row, examples, training } of subjects) {
      process.stderr.write(`${backend} ${row.model}…\n`);
      try {
        resetFallbackCounts();
        row.results[backend] = await measureTraining(training(), examples, options);
        const fallbacks = Object.keys(fallbackCounts());
        if (fallbacks.length > 0) lines.push(`${backend} ${row.model}: kernels run through the cpu fallback: ${fallbacks.join(', ')}`);
      } catch (error) {
        row.results[backend] = `fails: ${(error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 60)}`;
      }
    }
  }
  appBatches.forEach((batch) => batch.dispose());

  const columns = [...backends];
  if (!argv.includes('--no-pytorch')) {
    process.stderr.write('PyTorch…\n');
    const pytorch = measurePytorch(models, batchSize, options, threads, device);
    columns.push('PyTorch');
    if (pytorch.ok) {
      lines.push(`PyTorch ${pytorch.version} (${pytorch.python}), device ${device}, ${threads} threads`);
      for (const { row } of subjects) row.results.PyTorch = pytorch.results[row.model as BenchModelName] ?? 'no twin';
      for (const { row, twin: job } of subjects) {
        if (job === undefined) continue;
        process.stderr.write(`PyTorch ${row.model}…\n`);
        const twin = measurePytorchTwin(job, options, threads, device);
        row.results.PyTorch = twin.ok ? twin.result : `fails: ${twin.reason.slice(0, 60)}`;
        if (twin.ok) lines.push(`PyTorch twin of ${row.model}: ${twin.params.toLocaleString('en-US')} parameters (tfjs: ${job.tfjsParams.toLocaleString('en-US')})`);
      }
    } else {
      lines.push(`PyTorch: ${pytorch.reason}`);
    }
  }
  lines.push(`batch ${batchSize}, Mimo's training step with Adam, ${options.repetitions} repetitions of ≥ ${options.minSeconds} s after ${options.warmupSteps} warm-up steps; samples/s median (± half the spread)`);
  process.stdout.write(`${lines.join('\n')}\n\n${formatTable(subjects.map((s) => s.row), columns)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
