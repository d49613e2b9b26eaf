import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'child_process';
import { existsSync, realpathSync } from 'fs';
import { delimiter, join } from 'path';
import { createInterface } from 'readline';
import { BenchModelName } from './bench-models';
import { RepeatedRun, Warmup } from './measure';

type PytorchFound = { ok: true; python: string; version: string; blas: string } | { ok: false; reason: string };
let found: PytorchFound | undefined;

/** Every `python3` on PATH and the system one, each once (a pyenv shim and /usr/bin may hold different torches). */
function pythons(): string[] {
  const candidates = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'python3')), '/usr/bin/python3'];
  const seen = new Set<string>();
  return candidates.filter((python) => {
    if (!existsSync(python)) return false;
    const real = realpathSync(python);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

/** torch's version as numbers, for ordering ("2.13.0+cpu" → [2, 13, 0]). */
export function versionParts(version: string): number[] {
  return version.split(/[+-]/)[0].split('.').map((part) => Number.parseInt(part, 10) || 0);
}

/** The newest of several torch installations: the strongest peer on the machine. */
export function newestTorch<T extends { version: string }>(found: T[]): T | undefined {
  const newer = (a: T, b: T) => {
    const [x, y] = [versionParts(a.version), versionParts(b.version)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
    return false;
  };
  return found.reduce<T | undefined>((best, next) => (!best || newer(next, best) ? next : best), undefined);
}

/** The python3 with the newest torch on the machine, with torch's version and BLAS; or why there is none (probed once per process). */
export function findPytorch(): PytorchFound {
  found ??= probePythons();
  return found;
}

const PROBE = "import re, torch; print(torch.__version__); m = re.search(r'BLAS_INFO=(\\w+)', torch.__config__.show()); print(m.group(1) if m else 'unknown')";

function probePythons(): PytorchFound {
  const tried = pythons();
  const withTorch = tried.flatMap((python) => {
    const probe = spawnSync(python, ['-c', PROBE], { encoding: 'utf8' });
    if (probe.status !== 0) return [];
    const [version, blas] = probe.stdout.trim().split('\n');
    return [{ ok: true as const, python, version, blas }];
  });
  return newestTorch(withTorch) ?? { ok: false, reason: `no python3 with torch (tried ${tried.join(', ') || 'none on PATH'}); \`apt-get install python3-torch\`, or a PyTorch wheel on PYTHONPATH` };
}

/** What pytorch_twin.py needs to build and train a model's twin (see its docstring). */
export interface TwinJob {
  model: unknown;
  /** `lengths`: each row's tokens where every row of the real batch is padded with 0 at its end (pytorch_twin.py). */
  inputs: Record<string, { shape: number[]; dtype: string; high: number; lengths?: number[] }>;
  losses: Record<string, string>;
  batch: number;
  /** Whether a sigmoid LSTM over such padding packs its rows; by default where the worker's device is cuda, as Mimo's do. */
  pack?: boolean;
}

/**
 * The Adam the PyTorch twins run: 'fused' (`torch.optim.Adam(fused=True)`, every tensor's update in one kernel:
 * PyTorch's fastest, on the cpu since 2.4; where this torch lacks it, its default) or 'default' (what
 * `torch.optim.Adam` picks by itself: foreach on cuda, one tensor at a time on the cpu).
 */
export const PYTORCH_ADAMS = ['fused', 'default'] as const;
export type PytorchAdam = (typeof PYTORCH_ADAMS)[number];

/** A model for the PyTorch worker: one of pytorch_bench.py's bench models, or an app model's twin. */
export type PytorchJob = { bench: BenchModelName; batch: number } | { twin: TwinJob } | { loop: 'mlp' | 'lstm'; batch: number };

/** How much of the worker's stderr an error quotes. */
const STDERR_TAIL = 2_000;
/** Longest wait for one reply (a model's build and warm-up, or one repetition) before the worker is stopped. */
const REPLY_TIMEOUT_MS = 10 * 60_000;
/** How long a closed worker gets to exit before it is killed. */
const EXIT_GRACE_MS = 5_000;

/**
 * pytorch_bench.py running beside the bench: it builds one PyTorch model at a time and times a repetition of
 * its steps on request, so the bench can alternate PyTorch's repetitions with Mimo's (`measureInterleaved`).
 * A worker that dies, fails to start or stops answering makes every later request fail with why.
 */
export class PytorchWorker {
  private stderr = '';
  private readonly replies: AsyncIterator<string>;
  /** Why the worker can no longer answer, once it has exited or failed. */
  private readonly ended: Promise<string>;
  private endedBecause: string | undefined;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly python: string,
  ) {
    child.stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_TAIL)));
    // A write after the worker died fails with EPIPE; `ended` says why instead.
    child.stdin.on('error', () => undefined);
    const script = `${python} pytorch_bench.py`;
    this.ended = new Promise<string>((resolve) => {
      child.on('error', (error) => resolve(`${script} failed: ${error.message}`));
      child.on('close', (code, signal) => resolve(`${script} ended (${signal ?? `exit code ${code}`}): ${this.stderr.trim().split('\n').pop() || 'no output'}`));
    });
    void this.ended.then((reason) => (this.endedBecause = reason));
    this.replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  /**
   * Starts the worker with torch on `threads` threads and `device`, its twins on `adam`, denormal floats flushed to
   * zero or kept as Mimo's are (MIMO_FLUSH_DENORMALS); or why it cannot (no python3 with torch, or it failed).
   * `adam` in the answer: the one it runs, with why where fused was not to be had; `denormals`: "flushed" or "kept".
   */
  static async start(
    threads: number,
    device: string,
    adam: PytorchAdam = 'fused',
    flushDenormals = true,
  ): Promise<{ ok: true; worker: PytorchWorker; version: string; blas: string; adam: string; denormals: string } | { ok: false; reason: string }> {
    const python = findPytorch();
    if (!python.ok) return python;
    const args = [join(__dirname, 'pytorch_bench.py'), String(threads), device, adam, flushDenormals ? 'flush' : 'keep'];
    const worker = new PytorchWorker(spawn(python.python, args), python.python);
    try {
      const hello = await worker.reply();
      return { ok: true, worker, version: String(hello.version), blas: python.blas, adam: String(hello.adam), denormals: String(hello.denormals) };
    } catch (error) {
      worker.close();
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Builds `job`'s model: its parameter count, the Adam its optimizer runs ('fused' or 'default'), for a twin how
   * many of its LSTMs pack their rows, and its run (its warm-up and repetitions run in the worker).
   */
  async prepare(job: PytorchJob, warmup: Warmup): Promise<{ params: number; adam: string; packed?: number; run: RepeatedRun }> {
    const reply = await this.request({ prepare: job });
    const params = numberIn(reply, 'params');
    const adam = String(reply.adam);
    const run: RepeatedRun = {
      warmUp: async () => {
        await this.request({ warmup: warmup.steps, seconds: warmup.seconds });
        return false;
      },
      repetition: async (minSeconds) => numberIn(await this.request({ repetition: minSeconds }), 'rate'),
    };
    return { params, adam, ...('packed' in reply ? { packed: numberIn(reply, 'packed') } : {}), run };
  }

  /** Ends the worker's input, which ends the worker; one that has not exited shortly after is killed. */
  close(): void {
    this.child.stdin.end();
    setTimeout(() => this.child.kill('SIGKILL'), EXIT_GRACE_MS).unref();
  }

  private async request(message: object): Promise<Record<string, unknown>> {
    if (this.endedBecause !== undefined) throw new Error(this.endedBecause);
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
    const reply = await this.reply();
    if (typeof reply.error === 'string') throw new Error(reply.error);
    return reply;
  }

  /** The next reply line, or why none came: the worker ended, or it was silent for REPLY_TIMEOUT_MS (then it is killed). */
  private async reply(): Promise<Record<string, unknown>> {
    let timer: NodeJS.Timeout | undefined;
    const silent = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`${this.python} pytorch_bench.py gave no reply in ${REPLY_TIMEOUT_MS / 60_000} min; stopped it`));
      }, REPLY_TIMEOUT_MS);
    });
    try {
      const line = await Promise.race([this.replies.next(), silent]);
      if (line.done === true) throw new Error(await this.ended);
      return JSON.parse(line.value) as Record<string, unknown>;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** `reply[name]`, which must be a number (a reply of the wrong kind means the worker and the bench are out of step). */
function numberIn(reply: Record<string, unknown>, name: string): number {
  const value = reply[name];
  if (typeof value !== 'number') throw new Error(`pytorch_bench.py replied ${JSON.stringify(reply).slice(0, 80)} where '${name}' was due`);
  return value;
}
