import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, adamUpdateInputs, RECURRENT_SEQUENCE_KERNELS } from '@mimo/kernels';
import { TorchBackend } from '../torch-backend';

/** How much a training loop on the active torch backend grew: tfjs tensors, native tensors and bytes, process memory. */
export interface TrainingDrift {
  tensors: number;
  nativeTensors: number;
  nativeBytes: number;
  /** LSTM graphs kept for a backward pass after the loop (native/libtorch_rnn.h): 0 once every step's states are freed. */
  rnnGraphs: number;
  rssBytes: number;
}

const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, learningRate: 0.01 };

/** A masked LSTM's inputs for the whole-sequence kernels (batch 8, 5 steps, 4 features, 4 units). */
function lstmInputs(): tf.NamedTensorMap {
  return {
    x: tf.randomNormal([8, 5, 4], 0, 1, 'float32', 5),
    mask: tf.tensor2d(Array.from({ length: 8 }, (_, row) => Array.from({ length: 5 }, (_, t) => (t < 5 - (row % 3) ? 1 : 0)))),
    kernel: tf.randomNormal([4, 16], 0, 0.3, 'float32', 6),
    recurrentKernel: tf.randomNormal([4, 16], 0, 0.3, 'float32', 7),
    bias: tf.zeros([16]),
    initialH: tf.zeros([8, 4]),
    initialC: tf.zeros([8, 4]),
  };
}

/**
 * Trains a small two-layer model for `steps` steps (after 10 warm-up steps) with the fused Adam kernel, running
 * the LSTM sequence kernels forward and backward (masked by padding at the end: on the device's own path, on
 * Mimo's ATen passes and through libtorch's at::lstm; unmasked through at::lstm)
 * and a taped max pool (whose argmax rides with its output) each step too, and reports the growth.
 */
export function trainingDrift(steps: number): TrainingDrift {
  const backend = tf.backend() as TorchBackend;
  const weights = [tf.variable(tf.randomNormal([16, 32], 0, 0.1, 'float32', 1)), tf.variable(tf.randomNormal([32, 1], 0, 0.1, 'float32', 2))];
  let moments: Array<{ m: tf.Tensor; v: tf.Tensor }> = weights.map((w) => ({ m: tf.zerosLike(w), v: tf.zerosLike(w) }));
  const x = tf.randomNormal([64, 16], 0, 1, 'float32', 3);
  const y = tf.randomNormal([64, 1], 0, 1, 'float32', 4);
  const lstm = lstmInputs();
  const image = tf.randomNormal([4, 6, 6, 2], 0, 1, 'float32', 8);
  const recurrentAttrs = { recurrentActivation: 'sigmoid' };
  const unmasked: tf.NamedTensorMap = Object.fromEntries(Object.entries(lstm).filter(([name]) => name !== 'mask'));
  const ownAttrs = { ...recurrentAttrs, atenOps: true };
  const libtorchAttrs = { ...recurrentAttrs, libtorchRnn: true };
  const iteration = tf.scalar(1, 'int32');
  const step = () => {
    const { value, grads } = tf.variableGrads(() => tf.losses.meanSquaredError(y, tf.relu(x.matMul(weights[0])).matMul(weights[1])) as tf.Scalar, weights);
    value.dispose();
    const inputs = adamUpdateInputs(weights.map((w, i) => ({ variable: w, gradient: grads[w.name], ...moments[i] })), iteration);
    const updated = tf.engine().runKernel(ADAM_UPDATE_KERNEL, inputs, ADAM) as unknown as tf.Tensor[];
    tf.dispose(Object.values(grads));
    // No outputs: the kernel wrote the weights and moments in place (on the cpu, where nothing else holds them).
    if (updated.length > 0) {
      moments = weights.map((w, i) => {
        const [variable, m, v] = updated.slice(3 * i, 3 * i + 3);
        w.assign(variable);
        tf.dispose([variable, moments[i].m, moments[i].v]);
        return { m, v };
      });
    }
    tf.tidy(() => {
      for (const [inputs, attrs] of [[lstm, recurrentAttrs], [lstm, ownAttrs], [lstm, libtorchAttrs], [unmasked, libtorchAttrs]] as const) {
        const [states] = tf.engine().runKernel(RECURRENT_SEQUENCE_KERNELS.lstm.forward, inputs, attrs) as unknown as tf.Tensor[];
        tf.engine().runKernel(RECURRENT_SEQUENCE_KERNELS.lstm.backward, { ...inputs, states, dStates: tf.onesLike(states) }, attrs);
      }
      tf.grad((input) => tf.maxPool(input as tf.Tensor4D, 2, 2, 'same'))(image);
    });
  };

  for (let i = 0; i < 10; i++) step();
  const start = { tensors: tf.memory().numTensors, native: backend.memory(), rss: process.memoryUsage().rss };
  for (let i = 0; i < steps; i++) step();
  const end = { tensors: tf.memory().numTensors, native: backend.memory(), rss: process.memoryUsage().rss };
  tf.dispose([...weights, ...moments.flatMap(({ m, v }) => [m, v]), x, y, image, iteration, ...Object.values(lstm)]);
  return {
    tensors: end.tensors - start.tensors,
    nativeTensors: end.native.numTorchTensors - start.native.numTorchTensors,
    nativeBytes: end.native.numBytesInTorch - start.native.numBytesInTorch,
    rnnGraphs: end.native.numRnnGraphs,
    rssBytes: end.rss - start.rss,
  };
}
