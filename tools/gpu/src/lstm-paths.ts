import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '@mimo/backend-torch';
import { RECURRENT_SEQUENCE_KERNELS } from '@mimo/kernels';

/**
 * The torch backend's two LSTM paths on the active device (MIMO_DEVICE), on the bench's LSTM shape: an unmasked
 * sigmoid LSTM through libtorch's at::lstm (cuDNN on cuda) and the same LSTM with a mask of ones, the same function,
 * which runs Mimo's own passes (ATen ops step by step on cuda, vectorised loops on the cpu). Prints how far apart their outputs and gradients are (‖a − b‖ / ‖b‖) and
 * the time of a forward and backward pass on each (median of 5 repetitions of 20, ± half the spread); exits 1 when
 * they disagree. `npx tsx tools/gpu/src/lstm-paths.ts`, or through tools/gpu/cuda-check.sh.
 */
const BATCH = 64;
const STEPS = 50;
const FEATURES = 16;
const UNITS = 64;
const TOLERANCE = 1e-5;

type Inputs = Record<string, tf.Tensor>;

/**
 * Forward and backward with dStates = 1 on h and the last c: → h per step, the last c and the gradients. `libtorchLstm`
 * asks for at::lstm on the cpu too (cuda takes it for any unmasked sigmoid LSTM).
 */
function pass(inputs: Inputs): tf.Tensor[] {
  const attrs = { recurrentActivation: 'sigmoid', libtorchLstm: true };
  const [states] = tf.engine().runKernel(RECURRENT_SEQUENCE_KERNELS.lstm.forward, inputs, attrs) as unknown as tf.Tensor[];
  const width = states.shape[2] as number;
  const h = tf.slice(states, [0, 0, 0], [-1, -1, UNITS]);
  const lastC = tf.slice(states, [0, STEPS - 1, UNITS], [-1, 1, UNITS]);
  // The gradient every caller can give: h at every step, c at the last one.
  const dStates = tf.concat([tf.onesLike(h), tf.concat([tf.zeros([BATCH, STEPS - 1, UNITS]), tf.onesLike(lastC)], 1), tf.zeros([BATCH, STEPS, width - 2 * UNITS])], 2);
  const grads = tf.engine().runKernel(RECURRENT_SEQUENCE_KERNELS.lstm.backward, { ...inputs, states, dStates }, attrs) as unknown as tf.Tensor[];
  return [h, lastC, ...grads];
}

/** ‖a − b‖ / ‖b‖: the paths sum in different orders, so single elements near zero differ by more. */
function relativeError(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.div(tf.norm(tf.sub(a, b)), tf.norm(b)).dataSync()[0]);
}

/** Median and half the spread of 5 timings of 20 passes, in ms per pass; each read back one number to wait for the device. */
function timePasses(inputs: Inputs): { median: number; halfSpread: number } {
  const run = () => tf.tidy(() => pass(inputs)[2].sum().dataSync());
  run();
  const times = Array.from({ length: 5 }, () => {
    const start = performance.now();
    for (let i = 0; i < 20; i++) run();
    return (performance.now() - start) / 20;
  }).sort((a, b) => a - b);
  return { median: times[2], halfSpread: (times[4] - times[0]) / 2 };
}

async function main(): Promise<number> {
  const status = registerTorchBackend();
  if (!status.available) {
    process.stderr.write(`torch backend unavailable: ${status.reason}\n`);
    return 1;
  }
  await tf.setBackend('torch');
  const inputs: Inputs = {
    x: tf.randomNormal([BATCH, STEPS, FEATURES], 0, 1, 'float32', 1),
    kernel: tf.randomNormal([FEATURES, 4 * UNITS], 0, 0.2, 'float32', 2),
    recurrentKernel: tf.randomNormal([UNITS, 4 * UNITS], 0, 0.2, 'float32', 3),
    bias: tf.randomNormal([4 * UNITS], 0, 0.2, 'float32', 4),
    initialH: tf.randomNormal([BATCH, UNITS], 0, 0.3, 'float32', 5),
    initialC: tf.randomNormal([BATCH, UNITS], 0, 0.3, 'float32', 6),
  };
  const masked: Inputs = { ...inputs, mask: tf.ones([BATCH, STEPS]) };
  const names = ['h', 'last c', 'dx', 'dKernel', 'dRecurrentKernel', 'dBias', 'dInitialH', 'dInitialC'];
  const errors = tf.tidy(() => {
    const library = pass(inputs);
    const own = pass(masked);
    return names.map((name, i) => [name, relativeError(library[i], own[i])] as const);
  });
  process.stdout.write(`${status.info.device}, libtorch ${status.info.version}, LSTM(${UNITS}) over ${STEPS} steps × ${FEATURES} features, batch ${BATCH}\n`);
  process.stdout.write(`unmasked (at::lstm) against a mask of ones (Mimo's passes), relative error: ${errors.map(([n, e]) => `${n} ${e.toExponential(1)}`).join(', ')}\n`);
  const libraryTime = timePasses(inputs);
  const ownTime = timePasses(masked);
  const format = (t: { median: number; halfSpread: number }) => `${t.median.toFixed(3)} ms (± ${t.halfSpread.toFixed(3)})`;
  process.stdout.write(`forward + backward: at::lstm ${format(libraryTime)}, Mimo's passes ${format(ownTime)}, at::lstm ${(ownTime.median / libraryTime.median).toFixed(2)}× as fast\n`);
  tf.dispose([...Object.values(inputs), masked.mask]);
  const bad = errors.filter(([, e]) => !(e <= TOLERANCE));
  if (bad.length > 0) process.stderr.write(`the two paths disagree on ${bad.map(([n]) => n).join(', ')}\n`);
  return bad.length > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
