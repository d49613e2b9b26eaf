import { promises as fs } from 'fs';
import * as os from 'os';

/**
 * How busy the cores are with other processes, and whether a run's threads would then share cores. On a busy
 * 2-core machine both Mimo and PyTorch with 2 OpenMP threads ran steps 10–30× slower: a thread that waits for a
 * core holds up every other thread at the next barrier (docs/benchmarks.md).
 */
export interface CpuContention {
  cores: number;
  /** Cores' worth of CPU time other processes used while sampled (0 … cores). */
  busyElsewhere: number;
  /** The threads a run uses (MIMO_THREADS, else every core). */
  threads: number;
  /** The threads would share cores with the other processes. */
  oversubscribed: boolean;
  /** A line for `mimo doctor` and the benches. */
  summary: string;
  /** Where `busyElsewhere` comes from: CPU time counters over the sample, or the 1-minute load average. */
  source: '/proc/stat' | 'load average';
}

/** Below this, other processes' work is noise (a shell, a daemon), not a busy core. */
const BUSY = 0.5;

/** The verdict for `busyElsewhere` cores' worth of other work and `threads` threads on `cores` cores. */
export function contentionVerdict(cores: number, busyElsewhere: number, threads: number, source: CpuContention['source'] = '/proc/stat'): CpuContention {
  const busy = Math.min(cores, Math.max(0, busyElsewhere));
  const free = Math.max(1, Math.floor(cores - busy + 0.25));
  const oversubscribed = busy >= BUSY && threads > free;
  const seen = `other processes keep ${busy.toFixed(1)} of ${cores} cores busy (${source})`;
  const summary = oversubscribed
    ? `oversubscribed: ${seen}, and ${threads} threads would share them; OpenMP threads then wait on each other (steps 10–30× slower seen). Set MIMO_THREADS=${free}, or run on a quiet machine`
    : busy >= BUSY
      ? `${seen}; ${threads} thread${threads === 1 ? '' : 's'} fit beside them`
      : `quiet: ${seen}`;
  return { cores, busyElsewhere: busy, threads, oversubscribed, summary, source };
}

/** Busy and total jiffies over all cores, from the first line of /proc/stat. */
async function cpuTimes(): Promise<{ busy: number; total: number }> {
  const [line] = (await fs.readFile('/proc/stat', 'utf8')).split('\n');
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/**
 * Samples the machine for `ms` milliseconds (this process idles meanwhile, and its own CPU time is taken out) and
 * judges whether `threads` threads would be oversubscribed. Without /proc/stat it reads the load average.
 */
export async function measureCpuContention(threads: number, ms = 300): Promise<CpuContention> {
  const cores = os.availableParallelism();
  let before: { busy: number; total: number };
  try {
    before = await cpuTimes();
  } catch {
    return contentionVerdict(cores, os.loadavg()[0], threads, 'load average');
  }
  const ownBefore = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await cpuTimes();
  const own = process.cpuUsage(ownBefore);
  const share = after.total > before.total ? (after.busy - before.busy) / (after.total - before.total) : 0;
  const ownCores = (own.user + own.system) / 1000 / ms;
  return contentionVerdict(cores, share * cores - ownCores, threads);
}
