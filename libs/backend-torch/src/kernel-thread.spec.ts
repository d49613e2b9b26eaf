import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, adamUpdateInputs, DENSE_KERNELS } from '@mimo/kernels';
import { loadTorchAddon } from './native/load-addon';
import { registerTorchBackend, requestedKernelThread } from './register-torch';
import { ADAM_CASES, adamAgreement, adamCaseLabel, expectedAdamOutputs } from './testing/adam-agreement';

const status = registerTorchBackend();
const loaded = loadTorchAddon();
const describeTorch = status.available && loaded.ok ? describe : describe.skip;
const addon = loaded.ok ? loaded.addon : undefined;

const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, learningRate: 0.01 };

/**
 * Every loss and weight, as bits, of a small training loop: tfjs's own ops and Adam on a batch sliced each step, then
 * Mimo's Dense kernels and in-place Adam kernel on the same batches.
 */
function trainingBits(): number[][] {
  const tfjsVariables = tf.tidy(() => [tf.randomNormal([8, 32], 0, 0.3, 'float32', 3), tf.zeros([32]), tf.randomNormal([32, 1], 0, 0.3, 'float32', 4)].map((t) => tf.variable(t)));
  const optimizer = tf.train.adam(0.01);
  try {
    return tf.tidy(() => {
      const x = tf.randomNormal([64, 8], 0, 1, 'float32', 1);
      const labels = tf.cast(tf.greater(tf.randomUniform([64, 1], 0, 1, 'float32', 2), 0.5), 'float32');
      const batch = (step: number) => [tf.slice(x, [(step % 4) * 16, 0], [16, 8]), tf.slice(labels, [(step % 4) * 16, 0], [16, 1])];
      const [w1, b1, w2] = tfjsVariables;
      const losses: number[] = [];
      for (let step = 0; step < 12; step++) {
        const [xb, yb] = batch(step);
        const loss = optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(yb, tf.matMul(tf.relu(tf.add(tf.matMul(xb, w1), b1)), w2)) as tf.Scalar, true) as tf.Scalar;
        losses.push(loss.dataSync()[0]);
      }
      const [kernel, bias] = [tf.randomNormal([8, 16], 0, 0.3, 'float32', 5), tf.zeros([16])];
      const [m, v] = [tf.zeros([8, 16]), tf.zeros([8, 16])];
      for (let step = 0; step < 5; step++) {
        const [xb] = batch(step);
        const y = tf.engine().runKernel(DENSE_KERNELS.forward, { x: xb, kernel, bias }, { activation: 'relu' }) as tf.Tensor;
        const [, dKernel] = tf.engine().runKernel(DENSE_KERNELS.backward, { x: xb, kernel, y, dy: tf.sub(y, 0.5) }, { activation: 'relu', hasBias: true }) as unknown as tf.Tensor[];
        const updated = tf.engine().runKernel(ADAM_UPDATE_KERNEL, adamUpdateInputs([{ variable: kernel, gradient: dKernel, m, v }], tf.scalar(step + 1, 'int32')), ADAM) as unknown as tf.Tensor[];
        expect(updated).toHaveLength(0); // in place
      }
      return [losses, ...[...tfjsVariables, kernel, m, v].map((t) => Array.from(t.dataSync()))];
    });
  } finally {
    tf.dispose(tfjsVariables);
    optimizer.dispose();
  }
}

describeTorch('the kernel thread (native calls queued beside JavaScript)', () => {
  beforeAll(() => tf.setBackend('torch'));
  afterAll(async () => {
    addon?.configure({ kernelThread: false });
    await tf.setBackend('cpu');
  });

  it('gives a training loop the very bits it gets without it, and leaks nothing', () => {
    expect(addon?.configure({ kernelThread: false }).kernelThread).toBe(false);
    const atOnce = trainingBits();
    expect(addon?.configure({ kernelThread: true }).kernelThread).toBe(true);
    const tensorsBefore = tf.memory().numTensors;
    const torchTensorsBefore = (tf.memory() as { numTorchTensors?: number }).numTorchTensors;
    const callsBefore = addon?.stats().callsQueued ?? 0;
    const queued = trainingBits();
    expect(queued).toEqual(atOnce);
    // Turned off, the thread stopped; turned on, its first call that can queue starts it and queues. Later calls
    // queue while it is awake (it sleeps after 1 ms without one, as between the first steps' compilations, and
    // the next call wakes it): a few hundred of about 800 on a quiet machine, fewer on a busy one.
    expect((addon?.stats().callsQueued ?? 0) - callsBefore).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect((tf.memory() as { numTorchTensors?: number }).numTorchTensors).toBe(torchTensorsBefore);
  });

  it.each(ADAM_CASES.map((c) => [adamCaseLabel(c), c] as const))(
    'runs the fused Adam step queued as it runs it at once, a slice or clone sharing the variables keeping its values: %s',
    async (_label, c) => {
      addon?.configure({ kernelThread: true });
      const agreement = await adamAgreement(c);
      expect(agreement).toMatchObject({ outputs: expectedAdamOutputs(c, 'cpu'), sharersKept: true, leakedTensors: 0 });
      expect(agreement.worstError).toBeLessThanOrEqual(1e-6);
    },
  );

  it('reports a queued call that fails at the next native call, naming it, and runs on after it', () => {
    if (addon === undefined) throw new Error('no addon');
    const values = () => addon.fromArray(new Float32Array([1, 2]), [2], 'float32');
    const [w, g, m, v] = [values(), values(), values(), values()];
    // Two numbers where the step reads its one iteration number t: only running the step finds that out.
    const iteration = addon.fromArray(new Int32Array([1, 2]), [2], 'int32');
    const handles = [w, g, m, v, iteration].map((t) => t.id);
    try {
      addon.configure({ kernelThread: false });
      expect(() => addon.adamUpdate(handles, 0.9, 0.999, 1e-7, 0.1, false, true)).toThrow(/cannot be converted to Scalar/);
      addon.configure({ kernelThread: true });
      expect(addon.adamUpdate(handles, 0.9, 0.999, 1e-7, 0.1, false, true)).toEqual([]);
      const out = new Float32Array(2);
      expect(() => addon.readInto(w.id, out)).toThrow(/a kernel queued on the kernel thread failed \(adam [^)]*cannot be converted to Scalar/);
      addon.readInto(w.id, out);
      expect(Array.from(out)).toEqual([1, 2]);
    } finally {
      addon.free(handles);
    }
  });

  it('is on by default with 2 threads or more; MIMO_KERNEL_THREAD=0 or 1 decides, anything else throws', () => {
    expect(requestedKernelThread(2, {})).toBe(true);
    expect(requestedKernelThread(1, { MIMO_KERNEL_THREAD: ' ' })).toBe(false);
    expect(requestedKernelThread(4, { MIMO_KERNEL_THREAD: '0' })).toBe(false);
    expect(requestedKernelThread(1, { MIMO_KERNEL_THREAD: '1' })).toBe(true);
    for (const bad of ['yes', 'true', '2']) expect(() => requestedKernelThread(2, { MIMO_KERNEL_THREAD: bad })).toThrow(`MIMO_KERNEL_THREAD must be 0 or 1. Received: ${bad}`);
  });
});
