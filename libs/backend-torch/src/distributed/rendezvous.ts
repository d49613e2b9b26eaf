import { NativeRendezvous } from '../native/torch-addon';

/** Seconds a rendezvous or a collective may take before every rank gives up, unless MIMO_DIST_TIMEOUT says. */
export const DEFAULT_TIMEOUT_SECONDS = 120;

export class RendezvousError extends Error {
  override readonly name = 'RendezvousError';
}

function integer(env: NodeJS.ProcessEnv, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') throw new RendezvousError(`${name} is not set: data-parallel training reads RANK, WORLD_SIZE and MASTER_ADDR / MASTER_PORT (or MIMO_DIST_FILE), as torchrun sets them`);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new RendezvousError(`${name} must be an integer from ${min} to ${max}. Received: ${raw}`);
  return value;
}

/** True when this process is one rank of several (WORLD_SIZE > 1), as under torchrun or `--nproc-per-node`. */
export function isDistributedLaunch(env: NodeJS.ProcessEnv = process.env): boolean {
  const world = Number(env.WORLD_SIZE);
  return Number.isInteger(world) && world > 1;
}

/**
 * The rendezvous torchrun's environment describes: RANK, WORLD_SIZE, and a TCP store at MASTER_ADDR:MASTER_PORT
 * that rank 0 serves, or that torchrun's agent serves when TORCHELASTIC_USE_AGENT_STORE is True (each restart
 * then gets keys of its own, under its TORCHELASTIC_RESTART_COUNT). MIMO_DIST_FILE names a file store instead
 * (a file every rank can open, e.g. on shared storage). GLOO_SOCKET_IFNAME picks the network interface;
 * MIMO_DIST_TIMEOUT the seconds after which a missing rank or a stuck collective fails every rank.
 */
export function rendezvousFromEnv(env: NodeJS.ProcessEnv = process.env): NativeRendezvous {
  const worldSize = integer(env, 'WORLD_SIZE', 1);
  const rank = integer(env, 'RANK', 0, worldSize - 1);
  const timeoutSeconds = env.MIMO_DIST_TIMEOUT?.trim() ? Number(env.MIMO_DIST_TIMEOUT) : DEFAULT_TIMEOUT_SECONDS;
  if (!(timeoutSeconds > 0)) throw new RendezvousError(`MIMO_DIST_TIMEOUT must be a number of seconds above 0. Received: ${env.MIMO_DIST_TIMEOUT}`);
  const common = { rank, worldSize, timeoutMs: Math.round(timeoutSeconds * 1000), interface: env.GLOO_SOCKET_IFNAME?.trim() || undefined };
  const file = env.MIMO_DIST_FILE?.trim();
  if (file) return { ...common, store: 'file', path: file };
  const host = env.MASTER_ADDR?.trim();
  if (!host) throw new RendezvousError('MASTER_ADDR is not set: name the host of rank 0 (or of torchrun\'s agent), or give MIMO_DIST_FILE');
  const port = integer(env, 'MASTER_PORT', 1, 65535);
  const agentStore = env.TORCHELASTIC_USE_AGENT_STORE === 'True';
  return {
    ...common,
    store: 'tcp',
    host,
    port,
    hostsStore: !agentStore && rank === 0,
    prefix: agentStore ? `mimo/attempt_${env.TORCHELASTIC_RESTART_COUNT ?? 0}` : undefined,
  };
}
