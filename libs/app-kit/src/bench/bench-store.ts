import { promises as fs } from 'fs';
import * as path from 'path';
import { BenchConfig } from './bench-config';
import { RunMeasurement } from './run-variant';

/** One finished run, as stored (one JSON line each in `runs.jsonl`). */
export interface BenchRun {
  app: string;
  variant: string;
  backend: string;
  seed: number;
  measurement: RunMeasurement;
  finishedAt: string;
}

export const runKey = (run: Pick<BenchRun, 'app' | 'variant' | 'backend' | 'seed'>) => `${run.app}/${run.variant}/${run.backend}/${run.seed}`;

async function readIfExists(file: string): Promise<string | undefined> {
  return fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, text);
  await fs.rename(temp, file);
}

/**
 * The finished runs of a bench folder, so an interrupted bench resumes where it stopped. The folder is tied to
 * one config (`bench-config.json`): resuming with another config is refused rather than mixing results.
 * A line cut short by a kill is dropped when the store opens.
 */
export class BenchStore {
  private readonly keys: Set<string>;

  private constructor(
    private readonly file: string,
    readonly runs: BenchRun[],
  ) {
    this.keys = new Set(runs.map(runKey));
  }

  static async open(dir: string, config: BenchConfig, options: { fresh?: boolean } = {}): Promise<BenchStore> {
    await fs.mkdir(dir, { recursive: true });
    const configFile = path.join(dir, 'bench-config.json');
    const file = path.join(dir, 'runs.jsonl');
    const wanted = `${JSON.stringify(config, null, 2)}\n`;
    const saved = options.fresh ? undefined : await readIfExists(configFile);
    if (saved !== undefined && saved !== wanted) {
      throw new Error(`${dir} holds a bench of another config (${configFile}); use another --out, or --fresh to start over`);
    }
    const runs: BenchRun[] = [];
    const text = options.fresh ? undefined : await readIfExists(file);
    for (const line of text?.split('\n') ?? []) {
      try {
        if (line.trim()) runs.push(JSON.parse(line) as BenchRun);
      } catch {
        // A line cut short when the last run was killed: that run is simply run again.
      }
    }
    await writeAtomically(file, runs.map((run) => `${JSON.stringify(run)}\n`).join(''));
    await writeAtomically(configFile, wanted);
    return new BenchStore(file, runs);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  async add(run: BenchRun): Promise<void> {
    await fs.appendFile(this.file, `${JSON.stringify(run)}\n`);
    this.runs.push(run);
    this.keys.add(runKey(run));
  }
}
