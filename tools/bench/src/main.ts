import * as tf from '@tensorflow/tfjs';
import { describeBackend, initBackend } from '@mimo/backend';
import * as os from 'os';
import { BENCH_MODELS, buildBenchModel } from './bench-models';
import { measureTraining, MeasureOptions } from './measure';
import { measurePytorch } from './pytorch-reference';
import { BenchRow, formatTable } from './report-table';

/**
 * `npm run bench [-- --backends cpu,wasm,torch --reps 5 --min-seconds 1.5 --batch 64 --models mlp,cnn,lstm --no-pytorch]`:
 * training samples/s of the bench models on each backend in one process, PyTorch alongside when python3 has torch.
 */
async function main(argv: string[]): Promise<void> {
  const flag = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const backends = flag('backends', 'cpu,wasm,torch').split(',');
  const models = flag('models', BENCH_MODELS.join(',')).split(',').filter((m): m is (typeof BENCH_MODELS)[number] => (BENCH_MODELS as readonly string[]).includes(m));
  const options: MeasureOptions = { batchSize: Number(flag('batch', '64')), repetitions: Number(flag('reps', '5')), minSeconds: Number(flag('min-seconds', '1.5')), warmupSteps: 2 };
  const rows: BenchRow[] = models.map((model) => ({ model, description: '', results: {} }));
  const lines = [`machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, tfjs ${tf.version.tfjs}`];
  let threads = os.cpus().length;
  let device = 'cpu';

  for (const backend of backends) {
    let choice;
    try {
      choice = await initBackend({ backend, requestedBy: '--backends' });
    } catch (error) {
      for (const row of rows) row.results[backend] = `unavailable`;
      lines.push(`${backend}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    lines.push(describeBackend(choice));
    if (backend === 'torch') {
      threads = choice.threads ?? threads;
      device = choice.device;
    }
    for (const row of rows) {
      process.stderr.write(`${backend} ${row.model}…\n`);
      try {
        row.results[backend] = await measureTraining(row.model, options);
      } catch (error) {
        row.results[backend] = `fails: ${(error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 60)}`;
      }
    }
  }
  for (const row of rows) {
    const built = buildBenchModel(row.model, 1);
    row.description = built.description;
    built.model.dispose();
    tf.dispose([built.x, built.y]);
  }
  const columns = [...backends];
  if (!argv.includes('--no-pytorch')) {
    process.stderr.write('PyTorch…\n');
    const pytorch = measurePytorch(models, options, threads, device);
    columns.push('PyTorch');
    if (pytorch.ok) {
      lines.push(`PyTorch ${pytorch.version} (${pytorch.python}), device ${device}, ${threads} threads`);
      for (const row of rows) row.results.PyTorch = pytorch.results[row.model] ?? 'not measured';
    } else {
      lines.push(`PyTorch: ${pytorch.reason}`);
    }
  }
  lines.push(`batch ${options.batchSize}, adam, ${options.repetitions} repetitions of ≥ ${options.minSeconds} s after ${options.warmupSteps} warm-up steps; samples/s median (± half the spread)`);
  process.stdout.write(`${lines.join('\n')}\n\n${formatTable(rows, columns)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
