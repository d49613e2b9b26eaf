import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '@mimo/backend-torch';
import { RECURRENT_SEQUENCE_KERNELS } from '@mimo/kernels';

/**
 * The torch backend's two LSTM paths on the active device (MIMO_DEVICE), on the bench's LSTM shape with sigmoid gates:
 * libtorch's at::lstm (cuDNN on cuda) and Mimo's own passes as cuda runs them (ATen ops step by step, the kernels'
 * `atenOps`), unmasked and with a mask of padding at the end of each row (lengths 0 to 50; at::lstm runs them as
 * packed sequences). Prints how far apart their outputs and gradients are (‖a − b‖ / ‖b‖) and the time of a
 * forward and backward pass on each (median of 5 repetitions of 20, ± half the spread); exits 1 when they disagree.
 * `npx tsx tools/gpu/src/lstm-paths.ts`, or through tools/gpu/cuda-check.sh.
 */
const BATCH = 64;
const STEPS = 50;
const FEATURES = 16;
const UNITS = 64;
const TOLERANCE = 1e-5;

type Inputs = Record<string, tf.Tensor>;
type Path = { libtorchRnn: true } | { atenOps: true };

const LIBTORCH: Path = { libtorchRnn: true };
const OWN: Path = { atenOps: true };

/** Forward and backward with dStates = 1 on h and the last c: → h per step, the last c and the gradients. */
function pass(inputs: Inputs, path: Path): tf.Tensor[] {
  const attrs = { recurrentActivation: 'sigmoid', ...path };
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
function timePasses(inputs: Inputs, path: Path): { median: number; halfSpread: number } {
  const run = () => tf.tidy(() => pass(inputs, path)[2].sum().dataSync());
  run();
  const times = Array.from({ length: 5 }, () => {
    const start = performance.now();
    for (let i = 0; i < 20; i++) run();
    return (performance.now() - start) / 20;
  }).sort((a, b) => a - b);
  return { median: times[2], halfSpread: (times[4] - times[0]) / 2 };
}

const NAMES = ['h', 'last c', 'dx', 'dKernel', 'dRecurrentKernel', 'dBias', 'dInitialH', 'dInitialC'];

/** Compares and times the two paths on `inputs`; → the names of the outputs and gradients on which they disagree. */
function comparePaths(label: string, inputs: Inputs): string[] {
  const errors = tf.tidy(() => {
    const library = pass(inputs, LIBTORCH);
    const own = pass(inputs, OWN);
    return NAMES.map((name, i) => [name, relativeError(library[i], own[i])] as const);
  });
  process.stdout.write(`${label}: at::lstm against Mimo's passes, relative error: ${errors.map(([n, e]) => `${n} ${e.toExponential(1)}`).join(', ')}\n`);
  const libraryTime = timePasses(inputs, LIBTORCH);
  const ownTime = timePasses(inputs, OWN);
  const format = (t: { median: number; halfSpread: number }) => `${t.median.toFixed(3)} ms (± ${t.halfSpread.toFixed(3)})`;
  process.stdout.write(`${label}: forward + backward: at::lstm ${format(libraryTime)}, Mimo's passes ${format(ownTime)}, at::lstm ${(ownTime.median / libraryTime.median).toFixed(2)}× as fast\n`);
  return errors.filter(([, e]) => !(e <= TOLERANCE)).map(([n]) => `${label} ${n}`);
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
  // Row i runs 1 + (7·i mod 50) steps, then padding, as text padded 'post' is masked; the last row none (an empty text).
  const lengths = Array.from({ length: BATCH }, (_, i) => (i === BATCH - 1 ? 0 : 1 + ((7 * i) % STEPS)));
  const mask = tf.tensor2d(lengths.map((n) => Array.from({ length: STEPS }, (_, t) => (t < n ? 1 : 0))));
  process.stdout.write(`${status.info.device}, libtorch ${status.info.version}, LSTM(${UNITS}) over ${STEPS} steps × ${FEATURES} features, batch ${BATCH}\n`);
  const bad = [...comparePaths('unmasked', inputs), ...comparePaths('padded at the end', { ...inputs, mask })];
  tf.dispose([...Object.values(inputs), mask]);
  if (bad.length > 0) process.stderr.write(`the two paths disagree on ${bad.join(', ')}\n`);
  return bad.length > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
