import { BackendCandidate } from './backend-candidate';
import { cpuCandidate } from './cpu';
import { tensorflowNodeCandidate } from './tensorflow-node';
import { torchCandidate } from './torch';
import { wasmCandidate } from './wasm';

/**
 * Every backend Mimo knows, in the order automatic selection tries them: the first
 * whose probe says usable and whose activation succeeds wins. Adding a backend
 * (as 'torch' between 'tensorflow' and 'wasm') is one more entry here.
 */
export const BACKEND_CANDIDATES = [
  tensorflowNodeCandidate({ name: 'tensorflow-gpu', package: '@tensorflow/tfjs-node-gpu', gpu: true }),
  tensorflowNodeCandidate({ name: 'tensorflow', package: '@tensorflow/tfjs-node', gpu: false }),
  torchCandidate,
  wasmCandidate,
  cpuCandidate,
] as const satisfies readonly BackendCandidate[];

/** A Mimo backend name: `'tensorflow-gpu' | 'tensorflow' | 'torch' | 'wasm' | 'cpu'`. */
export type MimoBackendName = (typeof BACKEND_CANDIDATES)[number]['name'];

/** Backend names in selection order. */
export const BACKEND_NAMES: readonly MimoBackendName[] = BACKEND_CANDIDATES.map((candidate) => candidate.name);

export function isBackendName(value: string): value is MimoBackendName {
  return (BACKEND_NAMES as readonly string[]).includes(value);
}

export function findCandidate(name: MimoBackendName): BackendCandidate<MimoBackendName> {
  const candidate = BACKEND_CANDIDATES.find((c) => c.name === name);
  if (!candidate) throw new Error(`No backend candidate named '${name}'.`);
  return candidate;
}
