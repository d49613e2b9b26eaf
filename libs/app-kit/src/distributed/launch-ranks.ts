import { ChildProcess, spawn } from 'child_process';
import { createServer } from 'net';
import * as os from 'os';

export interface LaunchOptions {
  /** Ranks to start on this machine. */
  ranks: number;
  /** The command line each rank runs (node's own flags, the script, its arguments). */
  argv: string[];
  env?: NodeJS.ProcessEnv;
  /** Once a rank fails, how long the others get to stop by themselves before they are killed. */
  graceMs?: number;
  log?: (line: string) => void;
}

/** A TCP port free on 127.0.0.1 now (as torchrun picks one for a single-machine run). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Cores per rank: MIMO_THREADS when set, else this machine's cores shared out (at least one each). */
export function threadsPerRank(ranks: number, env: NodeJS.ProcessEnv = process.env): string {
  if (env.MIMO_THREADS?.trim()) return env.MIMO_THREADS.trim();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return String(Math.max(1, Math.floor(cores / ranks)));
}

/**
 * `--nproc-per-node N`, as torchrun does it on one machine: starts N ranks of the same command with torchrun's
 * environment (RANK, LOCAL_RANK, WORLD_SIZE, LOCAL_WORLD_SIZE, MASTER_ADDR 127.0.0.1, a free MASTER_PORT; rank 0
 * serves the store) and MIMO_THREADS cores each. Rank 0 keeps stdout; every rank keeps stderr. When a rank
 * fails, the others stop by themselves (their next collective fails), or are killed after `graceMs`. Resolves
 * to 0 when every rank succeeded, else to the first failure's exit code (1 for a signal).
 */
export async function launchLocalRanks(options: LaunchOptions): Promise<number> {
  const { ranks, argv, graceMs = 15000 } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const env = options.env ?? process.env;
  const port = await freePort();
  const threads = threadsPerRank(ranks, env);
  log(`launching ${ranks} ranks on 127.0.0.1:${port}, ${threads} thread(s) each`);
  const children: ChildProcess[] = [];
  let failure: { rank: number; code: number; why: string } | undefined;
  let killer: NodeJS.Timeout | undefined;
  const forward = (signal: NodeJS.Signals) => children.forEach((child) => child.exitCode === null && child.kill(signal));
  const onSignal = (signal: NodeJS.Signals) => forward(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const exits = Array.from({ length: ranks }, (_, rank) => {
      const child = spawn(argv[0], argv.slice(1), {
        env: { ...env, RANK: String(rank), LOCAL_RANK: String(rank), WORLD_SIZE: String(ranks), LOCAL_WORLD_SIZE: String(ranks), MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port), MIMO_THREADS: threads },
        stdio: ['ignore', rank === 0 ? 'inherit' : 'ignore', 'inherit'],
      });
      children.push(child);
      return new Promise<void>((resolve) => {
        child.once('error', (error) => {
          failure ??= { rank, code: 1, why: error.message };
          resolve();
        });
        child.once('exit', (code, signal) => {
          if (code !== 0 && !failure) {
            failure = { rank, code: code ?? 1, why: signal ? `killed by ${signal}` : `exit code ${code}` };
            killer = setTimeout(() => forward('SIGKILL'), graceMs);
          }
          resolve();
        });
      });
    });
    await Promise.all(exits);
  } finally {
    if (killer) clearTimeout(killer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (!failure) return 0;
  log(`rank ${failure.rank} failed (${failure.why}); every rank has stopped`);
  return failure.code;
}
