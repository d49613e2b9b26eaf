import { isDistributedLaunch, TorchProcessGroup } from '@mimo/backend';
import type { DataParallelGroup } from '@mimo/core';
import { launchLocalRanks } from './launch-ranks';

/** Drops `--nproc-per-node N` / `--nproc-per-node=N` from a command line. */
export function withoutLaunchFlag(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--nproc-per-node') i++;
    else if (!argv[i].startsWith('--nproc-per-node=')) out.push(argv[i]);
  }
  return out;
}

/**
 * Runs a train command's body as one process, as one rank of a data-parallel run, or as the launcher of
 * `ranks` local ranks:
 * - under torchrun's environment (WORLD_SIZE > 1, which `--nproc-per-node` also sets), it joins the c10d
 *   process group and hands it to `body`, and leaves it after;
 * - with `ranks` > 1 and no such environment, it starts `ranks` copies of this very command line;
 * - otherwise it runs `body` alone (no group).
 */
export async function withTrainingRanks(ranks: number | undefined, body: (dataParallel?: DataParallelGroup) => Promise<number>): Promise<number> {
  if (isDistributedLaunch()) {
    const group = await TorchProcessGroup.join();
    try {
      return await body(group);
    } finally {
      group.leave();
    }
  }
  if (ranks !== undefined && ranks > 1) {
    return launchLocalRanks({ ranks, argv: [process.execPath, ...process.execArgv, ...withoutLaunchFlag(process.argv.slice(1))] });
  }
  return body();
}
