import * as tf from '@tensorflow/tfjs';
import { wasmCandidate } from './wasm';

describe('wasm candidate', () => {
  it('probes usable here without making wasm tf\'s default backend', async () => {
    const probe = await wasmCandidate.probe();

    expect(probe).toMatchObject({ name: 'wasm', installed: true, usable: true, version: tf.version.tfjs });
    // Loading tfjs-backend-wasm registers it above cpu; un-awaited tf code would then
    // throw "backend 'wasm' has not yet been initialized". The probe must prevent that.
    expect(() => tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync())).not.toThrow();
    expect(tf.getBackend()).toBe('cpu');
  });
});
