import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'child_process';
import { join } from 'path';
import { createInterface } from 'readline';
import { BenchModelName } from './bench-models';
import { RepeatedRun } from './measure';

const PYTHONS = ['python3', '/usr/bin/python3'];

type PytorchFound = { ok: true; python: string; version: string } | { ok: false; reason: string };
let found: PytorchFound | undefined;

/** The first python3 that imports torch, with torch's version; or why none does (probed once per process). */
export function findPytorch(): PytorchFound {
  found ??= probePythons();
  return found;
}

function probePythons(): PytorchFound {
  for (const python of PYTHONS) {
    const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { ok: true, python, version: probe.stdout.trim() };
  }
  return { ok: false, reason: `no python3 with torch (tried ${PYTHONS.join(', ')}); \`apt-get install python3-torch\`` };
}

/** What pytorch_twin.py needs to build and train a model's twin (see its docstring). */
export interface TwinJob {
  model: unknown;
  inputs: Record<string, { shape: number[]; dtype: string; high: number }>;
  losses: Record<string, string>;
  batch: number;
}

/** A model for the PyTorch worker: one of pytorch_bench.py's bench models, or an app model's twin. */
export type PytorchJob = { bench: BenchModelName; batch: number } | { twin: TwinJob };

/** How much of the worker's stderr an error quotes. */
const STDERR_TAIL = 2_000;

/**
 * pytorch_bench.py running beside the bench: it builds one PyTorch model at a time and times a repetition of
 * its steps on request, so the bench can alternate PyTorch's repetitions with Mimo's (`measureInterleaved`).
 */
export class PytorchWorker {
  private stderr = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly replies: AsyncIterator<string>,
    readonly python: string,
  ) {
    child.stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_TAIL)));
  }

  /** Starts the worker with torch on `threads` threads and `device`; or why it cannot (no python3 with torch, or it failed). */
  static async start(threads: number, device: string): Promise<{ ok: true; worker: PytorchWorker; version: string } | { ok: false; reason: string }> {
    const python = findPytorch();
    if (!python.ok) return python;
    const child = spawn(python.python, [join(__dirname, 'pytorch_bench.py'), String(threads), device]);
    const worker = new PytorchWorker(child, createInterface({ input: child.stdout })[Symbol.asyncIterator](), python.python);
    try {
      const { version } = await worker.reply();
      return { ok: true, worker, version: String(version) };
    } catch (error) {
      worker.close();
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Builds `job`'s model: its parameter count and its run (its warm-up and repetitions run in the worker). */
  async prepare(job: PytorchJob, warmupSteps: number): Promise<{ params: number; run: RepeatedRun }> {
    const { params } = await this.request({ prepare: job });
    const run: RepeatedRun = {
      warmUp: async () => {
        await this.request({ warmup: warmupSteps });
        return false;
      },
      repetition: async (minSeconds) => Number((await this.request({ repetition: minSeconds })).rate),
    };
    return { params: Number(params), run };
  }

  /** Ends the worker's input, which ends the worker. */
  close(): void {
    this.child.stdin.end();
  }

  private async request(message: object): Promise<Record<string, unknown>> {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
    const reply = await this.reply();
    if (typeof reply.error === 'string') throw new Error(`PyTorch: ${reply.error}`);
    return reply;
  }

  private async reply(): Promise<Record<string, unknown>> {
    const line = await this.replies.next();
    if (line.done === true) throw new Error(`${this.python} pytorch_bench.py ended: ${this.stderr.trim().split('\n').pop() ?? 'no output'}`);
    return JSON.parse(line.value) as Record<string, unknown>;
  }
}
