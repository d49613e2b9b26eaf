import * as tf from '@tensorflow/tfjs';
import { BackendProbe, MimoDevice } from './candidates/backend-candidate';
import { BACKEND_CANDIDATES, BACKEND_NAMES, findCandidate, isBackendName, MimoBackendName } from './candidates';
import { firstLine } from './optional-package';

export type { BackendActivation, BackendCandidate, BackendProbe, MimoDevice } from './candidates/backend-candidate';
export { BACKEND_NAMES, isBackendName } from './candidates';
export type { MimoBackendName } from './candidates';

/** One backend's probe result, named by Mimo backend name. */
export type MimoBackendProbe = BackendProbe<MimoBackendName>;

/** The backend a run uses, and why. */
export interface BackendChoice {
  /** Mimo backend name. */
  name: MimoBackendName;
  /** `tf.getBackend()` after initialisation, e.g. 'tensorflow' for both libtensorflow backends. */
  tfjsBackend: string;
  device: MimoDevice;
  /** Why it was picked, including why earlier candidates were skipped. */
  reason: string;
  /** Worker threads the kernels use, where the backend says. */
  threads?: number;
}

export interface InitBackendOptions {
  /** Force a backend (the CLI's `--backend`); overrides `MIMO_BACKEND`. `'auto'` or empty means pick. */
  backend?: string;
  /** Who forced it, for messages. Defaults to "options.backend"; the CLI passes "--backend". */
  requestedBy?: string;
}

/** A forced backend that is unknown or unusable. */
export class BackendSelectionError extends Error {
  constructor(
    message: string,
    /** The name that was asked for. */
    readonly requested: string,
    /** Backends that are usable here. */
    readonly available: MimoBackendName[],
  ) {
    super(message);
    this.name = 'BackendSelectionError';
  }
}

type BackendRequest = { kind: 'auto' } | { kind: 'forced'; name: MimoBackendName; by: string };

/** Serialises `initBackend` calls: tf has one active backend per process. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Makes the best (or the forced) backend tf's active backend and says why.
 *
 * Order: tensorflow-gpu (tfjs-node-gpu installed and a GPU visible) → tensorflow
 * (tfjs-node) → wasm → cpu. `options.backend`, else `MIMO_BACKEND`, forces one; forcing
 * one that is unknown or unusable throws a `BackendSelectionError` naming it, why, and
 * the usable ones. Safe to call repeatedly.
 */
export function initBackend(options: InitBackendOptions = {}): Promise<BackendChoice> {
  const run = queue.then(() => selectBackend(readRequest(options)));
  queue = run.catch(() => undefined);
  return run;
}

/** Probes every backend in selection order; loads optional packages, switches nothing. */
export async function probeBackends(): Promise<MimoBackendProbe[]> {
  const probes: MimoBackendProbe[] = [];
  for (const candidate of BACKEND_CANDIDATES) probes.push(await candidate.probe());
  return probes;
}

/** One line every run prints, e.g. "backend: wasm (device cpu, 1 thread) — auto: …". */
export function describeBackend(choice: BackendChoice): string {
  const threads = choice.threads === undefined ? '' : `, ${choice.threads} thread${choice.threads === 1 ? '' : 's'}`;
  const tfjs = choice.tfjsBackend === choice.name ? '' : `, tfjs '${choice.tfjsBackend}'`;
  return `backend: ${choice.name} (device ${choice.device}${threads}${tfjs}) — ${choice.reason}`;
}

function readRequest(options: InitBackendOptions): BackendRequest {
  const fromOption = nonEmpty(options.backend);
  const fromEnv = nonEmpty(process.env.MIMO_BACKEND);
  const raw = fromOption ?? fromEnv;
  if (raw === undefined || raw.toLowerCase() === 'auto') return { kind: 'auto' };
  const by = fromOption !== undefined ? (options.requestedBy ?? 'options.backend') : 'MIMO_BACKEND';
  const name = raw.toLowerCase();
  if (!isBackendName(name)) {
    throw new BackendSelectionError(
      `Unknown backend '${raw}' (from ${by}). Expected one of: ${BACKEND_NAMES.join(', ')} (or 'auto').`,
      raw,
      [],
    );
  }
  return { kind: 'forced', name, by };
}

async function selectBackend(request: BackendRequest): Promise<BackendChoice> {
  if (request.kind === 'forced') return activateForced(request.name, request.by);

  const skipped: string[] = [];
  for (const candidate of BACKEND_CANDIDATES) {
    const probe = await candidate.probe();
    if (!probe.usable) {
      skipped.push(`${candidate.name} skipped: ${probe.reason}`);
      continue;
    }
    try {
      const activation = await candidate.activate();
      return {
        name: candidate.name,
        tfjsBackend: tf.getBackend(),
        device: activation.device,
        threads: activation.threads,
        reason: `auto: ${[...skipped, `picked ${candidate.name}: ${activation.detail}`].join('; ')}`,
      };
    } catch (error) {
      skipped.push(`${candidate.name} skipped: activation failed: ${firstLine(error)}`);
    }
  }
  throw new Error(`No tensor backend could be initialised: ${skipped.join('; ')}.`);
}

async function activateForced(name: MimoBackendName, by: string): Promise<BackendChoice> {
  const candidate = findCandidate(name);
  const probe = await candidate.probe();
  let failure: string | undefined;
  if (probe.usable) {
    try {
      const activation = await candidate.activate();
      return {
        name,
        tfjsBackend: tf.getBackend(),
        device: activation.device,
        threads: activation.threads,
        reason: `forced by ${by}=${name}: ${activation.detail}`,
      };
    } catch (error) {
      failure = `activation failed: ${firstLine(error)}`;
    }
  } else {
    failure = probe.reason + (probe.installed ? '' : `. ${candidate.installHint}`);
  }
  const available = (await probeBackends()).filter((p) => p.usable && p.name !== name).map((p) => p.name);
  throw new BackendSelectionError(
    `Backend '${name}' was requested by ${by} but is not available: ${failure.replace(/\.$/, '')}. ` +
      `Available backends: ${available.length > 0 ? available.join(', ') : 'none'}.`,
    name,
    available,
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
