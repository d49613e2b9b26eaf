import * as tf from '@tensorflow/tfjs';
import { BackendCandidate } from './backend-candidate';

const CPU_PACKAGE = '@tensorflow/tfjs-backend-cpu';

/** Pure-JavaScript kernels, bundled with @tensorflow/tfjs: always there, slowest. */
export const cpuCandidate: BackendCandidate<'cpu'> = {
  name: 'cpu',
  package: CPU_PACKAGE,
  tfjsBackend: 'cpu',
  installHint: 'It ships inside @tensorflow/tfjs; reinstall dependencies with `npm ci`.',

  async probe() {
    const version = tf.version['tfjs-backend-cpu'];
    const registered = tf.findBackendFactory('cpu') != null;
    return {
      name: 'cpu',
      package: CPU_PACKAGE,
      installed: true,
      version,
      usable: registered,
      reason: registered ? `pure-JS kernels (bundled with @tensorflow/tfjs ${tf.version.tfjs})` : "tf has no 'cpu' backend registered",
    };
  },

  async activate() {
    const ok = await tf.setBackend('cpu');
    if (!ok) throw new Error("tf.setBackend('cpu') failed");
    // Pure JS runs on the main thread.
    return { device: 'cpu', threads: 1, detail: `pure-JS kernels, ${CPU_PACKAGE} ${tf.version['tfjs-backend-cpu']}, 1 thread` };
  },
};
