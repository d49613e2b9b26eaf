import * as tf from '@tensorflow/tfjs';

/**
 * For suites that change backend selection: each test starts without MIMO_BACKEND and gets back the
 * environment and the active backend it started with.
 */
export function isolateBackendState(): void {
  let savedEnv: string | undefined;
  let savedBackend: string;
  beforeAll(async () => {
    await tf.ready();
  });
  beforeEach(() => {
    savedEnv = process.env.MIMO_BACKEND;
    delete process.env.MIMO_BACKEND;
    savedBackend = tf.getBackend();
  });
  afterEach(async () => {
    if (savedEnv === undefined) delete process.env.MIMO_BACKEND;
    else process.env.MIMO_BACKEND = savedEnv;
    await tf.setBackend(savedBackend);
  });
}
