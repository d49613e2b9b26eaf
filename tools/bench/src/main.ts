import * as tf from '@tensorflow/tfjs';
import { describeBackend, fallbackCounts, initBackend, measureCpuContention, resetFallbackCounts } from '@mimo/backend';
import { requestedDenormalFlush, requestedThreads } from '@mimo/backend-torch';
import * as os from 'os';
import { RecurrentGatesSchema } from '@mimo/core/internal';
import { AppBatch, appTraining, appTwinJob, BENCH_APPS, loadAppBatch } from './app-models';
import { BENCH_MODELS, buildBenchModel } from './bench-models';
import { flagList, flagValue } from './flags';
import { benchModelTraining, failure, measureInterleaved, MeasureOptions, RepeatedRun, TimedTraining, trainingRun } from './measure';
import { PYTORCH_ADAMS, PytorchAdam, PytorchJob, PytorchWorker } from './pytorch-reference';
import { loopLossName, loopModel, USER_LOOPS, userLoopTraining } from './user-loop';
import { BenchRow, formatTable } from './report-table';

/** A row of the table: how to build its training step on the active backend, and its PyTorch twin. */
interface Subject {
  row: BenchRow;
  /** Examples per step. */
  examples: number;
  training: () => TimedTraining;
  pytorch: PytorchJob;
  /** The tfjs model's parameter count, printed beside an app twin's. */
  tfjsParams?: number;
}

/**
 * `npm run bench:throughput [-- --backends cpu,wasm,torch --reps 5 --min-seconds 1.5 --warmup 2 --warmup-seconds 3 --batch 64 --models mlp,cnn,lstm,gru
 * --apps healthcare,nlp,finance,autonomous|none --gates sigmoid|hardSigmoid --loops mlp,lstm,mlp-replayed,lstm-replayed,mlp-mimo-loss,lstm-mimo-loss,mlp-installed-losses,lstm-installed-losses|none --pytorch-adam fused|default --no-pytorch]`:
 * training samples/s of the bench models,
 * of a user's own loop over the MLP and the LSTM (user-loop.ts), and of
 * each app's default model (a batch of its real data) on each backend in one process, with PyTorch's twins of
 * both (pytorch_bench.py, pytorch_twin.py) when python3 has torch: their repetitions alternate with the torch
 * backend's, or run alone after the backends when torch is not among them. The twins run PyTorch's fused Adam, its
 * fastest, unless `--pytorch-adam default` asks for what `torch.optim.Adam` picks by itself (pytorch-reference.ts).
 */
async function main(argv: string[]): Promise<void> {
  const flag = (name: string, fallback: string) => flagValue(argv, name, fallback);
  const backends = flag('backends', 'cpu,wasm,torch').split(',');
  const models = flagList(argv, 'models', BENCH_MODELS);
  const apps = flagList(argv, 'apps', Object.keys(BENCH_APPS));
  // The apps' LSTM / GRU gates instead of their own: sigmoid ones run on cuDNN on cuda.
  const gatesFlag = flagValue(argv, 'gates', undefined);
  const gates = gatesFlag === undefined ? undefined : RecurrentGatesSchema.safeParse(gatesFlag).data;
  if (gatesFlag !== undefined && gates === undefined) throw new Error(`--gates must be one of ${RecurrentGatesSchema.options.join(', ')}. Received: ${gatesFlag}`);
  const pytorchAdam = flag('pytorch-adam', 'fused') as PytorchAdam;
  if (!PYTORCH_ADAMS.includes(pytorchAdam)) throw new Error(`--pytorch-adam must be one of ${PYTORCH_ADAMS.join(', ')}. Received: ${pytorchAdam}`);
  const batchSize = Number(flag('batch', '64'));
  // --warmup, --warmup-seconds: what each side trains before its repetitions, at least both (a loop's JavaScript
  // runs slower until V8 has optimised it, longer in a process with more code loaded: docs/benchmarks.md).
  const warmupFlag = flag('warmup', '2');
  const warmupSecondsFlag = flag('warmup-seconds', '3');
  const warmup = { steps: Number(warmupFlag), seconds: Number(warmupSecondsFlag) };
  if (!Number.isInteger(warmup.steps) || warmup.steps < 1) throw new Error(`--warmup must be a positive integer. Received: ${warmupFlag}`);
  if (!(warmup.seconds >= 0)) throw new Error(`--warmup-seconds must be a number ≥ 0. Received: ${warmupSecondsFlag}`);
  const options: MeasureOptions = { repetitions: Number(flag('reps', '5')), minSeconds: Number(flag('min-seconds', '1.5')), warmup };
  const lines = [`machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, tfjs ${tf.version.tfjs}`];
  // Judged before anything runs: figures taken beside other busy work say little about either (docs/benchmarks.md).
  const cpu = await measureCpuContention(requestedThreads());
  lines.push(`CPU before the run: ${cpu.summary}`);
  if (cpu.oversubscribed) process.stderr.write(`warning: ${cpu.summary}\n`);

  const subjects: Subject[] = models.map((model) => {
    const built = buildBenchModel(model, 1);
    built.model.dispose();
    tf.dispose([built.x, built.y]);
    const row = { model, description: built.description, results: {} };
    return { row, examples: batchSize, training: () => benchModelTraining(model, batchSize), pytorch: { bench: model, batch: batchSize } };
  });
  for (const loop of flagList(argv, 'loops', USER_LOOPS)) {
    const replayed = loop.endsWith('-replayed') ? ', the step in `replayable`' : '';
    const row = { model: `loop:${loop}`, description: `a user's loop over the ${loopModel(loop).toUpperCase()}: a batch sliced each step, ${loopLossName(loop)}, Mimo's Adam${replayed}`, results: {} };
    subjects.push({ row, examples: batchSize, training: () => userLoopTraining(loop, batchSize), pytorch: { loop: loopModel(loop), batch: batchSize } });
  }
  const appBatches: AppBatch[] = [];
  for (const app of apps) {
    process.stderr.write(`loading ${app}'s data…\n`);
    const batch = await loadAppBatch(app, batchSize, gates);
    appBatches.push(batch);
    const row = { model: `app:${app}`, description: `${batch.description}, batch of ${batch.examples}`, results: {} };
    const { tfjsParams, ...twin } = appTwinJob(batch);
    subjects.push({ row, examples: batch.examples, training: () => appTraining(batch), pytorch: { twin }, tfjsParams });
  }

  const pytorchWanted = !argv.includes('--no-pytorch');
  const pytorch: { worker?: PytorchWorker; tried: boolean; besideTorch: boolean } = { tried: false, besideTorch: false };
  const startPytorch = async (threads: number, device: string, besideTorch: boolean): Promise<void> => {
    pytorch.tried = true;
    pytorch.besideTorch = besideTorch;
    const started = await PytorchWorker.start(threads, device, pytorchAdam, requestedDenormalFlush());
    if (!started.ok) {
      lines.push(`PyTorch: ${started.reason}`);
      return;
    }
    pytorch.worker = started.worker;
    lines.push(`PyTorch ${started.version}, BLAS ${started.blas} (${started.worker.python}: the newest torch on PATH), device ${device}, ${threads} thread${threads === 1 ? '' : 's'}, Adam ${started.adam}, denormals ${started.denormals}`);
  };

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
    const beside = backend === 'torch' && pytorchWanted;
    if (beside) await startPytorch(choice.threads ?? os.cpus().length, choice.device, true);
    for (const subject of subjects) {
      const worker = beside ? pytorch.worker : undefined;
      process.stderr.write(`${backend}${worker ? ' and PyTorch' : ''} ${subject.row.model}…\n`);
      await measureSubject(subject, backend, worker, options, lines);
    }
  }
  appBatches.forEach((batch) => batch.dispose());
  if (pytorchWanted && !pytorch.tried) {
    await startPytorch(os.cpus().length, 'cpu', false);
    for (const subject of subjects) {
      if (pytorch.worker === undefined) break;
      process.stderr.write(`PyTorch ${subject.row.model}…\n`);
      await measureSubject(subject, undefined, pytorch.worker, options, lines);
    }
  }
  pytorch.worker?.close();

  const columns = pytorchWanted ? [...backends, 'PyTorch'] : backends;
  const order = pytorch.worker === undefined ? '' : pytorch.besideTorch ? " (PyTorch's alternating with torch's)" : ' (PyTorch after the backends)';
  lines.push(`batch ${batchSize}, Mimo's training step with Adam, ${options.repetitions} repetitions of ≥ ${options.minSeconds} s after ≥ ${options.warmup.steps} warm-up steps and ≥ ${options.warmup.seconds} s${order}; samples/s median (± half the spread)`);
  process.stdout.write(`${lines.join('\n')}\n\n${formatTable(subjects.map((s) => s.row), columns)}\n`);
}

/**
 * Times `subject` on the active tfjs backend as column `backend` (none: PyTorch alone) and, with `pytorch`, its
 * PyTorch twin, one repetition of each in turn.
 */
async function measureSubject(subject: Subject, backend: string | undefined, pytorch: PytorchWorker | undefined, options: MeasureOptions, lines: string[]): Promise<void> {
  const { row } = subject;
  const runs: RepeatedRun[] = [];
  const columns: string[] = [];
  let training: TimedTraining | undefined;
  resetFallbackCounts();
  try {
    if (backend !== undefined) {
      try {
        training = subject.training();
        runs.push(trainingRun(training, subject.examples, options.warmup));
        columns.push(backend);
      } catch (error) {
        row.results[backend] = failure(error);
      }
    }
    if (pytorch !== undefined) {
      try {
        const twin = await pytorch.prepare(subject.pytorch, options.warmup);
        runs.push(twin.run);
        columns.push('PyTorch');
        if (subject.tfjsParams !== undefined) lines.push(`PyTorch twin of ${row.model}: ${twin.params.toLocaleString('en-US')} parameters (tfjs: ${subject.tfjsParams.toLocaleString('en-US')})`);
      } catch (error) {
        row.results.PyTorch = failure(error);
      }
    }
    const timings = await measureInterleaved(runs, options);
    columns.forEach((column, i) => (row.results[column] = timings[i]));
    const fallbacks = Object.keys(fallbackCounts());
    if (backend !== undefined && fallbacks.length > 0) lines.push(`${backend} ${row.model}: kernels run through the cpu fallback: ${fallbacks.join(', ')}`);
  } finally {
    training?.dispose();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
