import * as tf from '@tensorflow/tfjs';
import { detectGpu, GpuDetection } from '../gpu-detect';
import { inspectPackage, loadPackage, packageLabel } from '../optional-package';
import { BackendCandidate, BackendProbe } from './backend-candidate';

export interface TensorflowNodeCandidateSpec<N extends string> {
  name: N;
  /** `@tensorflow/tfjs-node` or `@tensorflow/tfjs-node-gpu`. */
  package: string;
  /** Needs a visible NVIDIA GPU (tfjs-node-gpu). */
  gpu: boolean;
  /** GPU detection, injectable for tests. Defaults to `detectGpu()`. */
  detectGpu?: () => GpuDetection;
}

/** tfjs's registered name for the libtensorflow backends (both packages register it). */
const TFJS_NODE_BACKEND = 'tensorflow';

/**
 * libtensorflow through `@tensorflow/tfjs-node(-gpu)`, an optional dependency that may
 * be absent (its install downloads libtensorflow). Loaded lazily, only by `probe()`.
 * Both packages register the backend 'tensorflow': when both are installed, whichever
 * loads first in a process is the one tf uses.
 */
export function tensorflowNodeCandidate<N extends string>(spec: TensorflowNodeCandidateSpec<N>): BackendCandidate<N> {
  const { name, package: pkg, gpu } = spec;
  return {
    name,
    package: pkg,
    tfjsBackend: TFJS_NODE_BACKEND,
    installHint:
      `Install it with \`npm install ${pkg}@${tf.version.tfjs}\` (its install script downloads libtensorflow` +
      (gpu ? '; it needs CUDA 11.2 and cuDNN 8.1).' : ').'),

    async probe(): Promise<BackendProbe<N>> {
      const info = inspectPackage(pkg);
      const base = { name, package: pkg, installed: info.installed, version: info.version };
      if (!info.installed) {
        return { ...base, usable: false, reason: `${pkg} not installed (optional dependency)` };
      }
      if (info.version !== undefined && info.version !== tf.version.tfjs) {
        return {
          ...base,
          usable: false,
          reason: `${pkg} ${info.version} does not match @tensorflow/tfjs ${tf.version.tfjs} (a second tfjs-core copy breaks the engine)`,
        };
      }
      let gpuNote = '';
      if (gpu) {
        const found = (spec.detectGpu ?? detectGpu)();
        if (!found.visible) {
          return { ...base, usable: false, reason: `${pkg} installed but ${found.source}` };
        }
        gpuNote = `; GPU: ${found.source} (${found.devices.join(', ')})`;
      }
      const loaded = loadPackage(pkg);
      if (!loaded.ok) {
        return { ...base, usable: false, reason: `${pkg} installed but failed to load: ${loaded.error}` };
      }
      if (tf.findBackendFactory(TFJS_NODE_BACKEND) == null) {
        return {
          ...base,
          usable: false,
          reason: `${pkg} loaded but registered '${TFJS_NODE_BACKEND}' with another @tensorflow/tfjs copy`,
        };
      }
      return { ...base, usable: true, reason: `${packageLabel(pkg, info.version)} loaded${gpuNote}` };
    },

    async activate() {
      const ok = await tf.setBackend(TFJS_NODE_BACKEND);
      if (!ok) throw new Error(`tf.setBackend('${TFJS_NODE_BACKEND}') failed to initialise libtensorflow`);
      return { device: gpu ? 'cuda' : 'cpu', detail: `${packageLabel(pkg, inspectPackage(pkg).version)} (libtensorflow)` };
    },
  };
}

