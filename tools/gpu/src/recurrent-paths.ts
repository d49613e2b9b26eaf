import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '@mimo/backend-torch';
import { RECURRENT_SEQUENCE_KERNELS } from '@mimo/kernels';

/**
 * The torch backend's two paths for an LSTM and for a reset-after GRU on the active device (MIMO_DEVICE), on the bench's
 * shape with sigmoid gates: libtorch's at::lstm / at::gru (cuDNN on cuda) and Mimo's own passes as cuda runs them (ATen
 * ops step by step, the kernels' `atenOps`), unmasked and with a mask of padding at the end of each row (lengths 0 to
 * 50; libtorch runs them as packed sequences). Prints how far apart their outputs and gradients are (‖a − b‖ / ‖b‖)
 * and the time of a forward and backward pass on each (median of 5 repetitions of 20, ± half the spread); exits 1
 * when they disagree. `npx tsx tools/gpu/src/recurrent-paths.ts`, or through tools/gpu/cuda-check.sh.
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

/** A cell as the kernels take it: LSTM, or Keras's reset-after GRU (the GRU cuDNN runs). */
interface Cell {
  name: 'LSTM' | 'GRU';
  kernels: (typeof RECURRENT_SEQUENCE_KERNELS)[keyof typeof RECURRENT_SEQUENCE_KERNELS];
  attrs: Record<string, unknown>;
  /** What `pass` returns, in order. */
  outputs: string[];
}

const CELLS: Cell[] = [
  { name: 'LSTM', kernels: RECURRENT_SEQUENCE_KERNELS.lstm, attrs: {}, outputs: ['h', 'last c', 'dx', 'dKernel', 'dRecurrentKernel', 'dBias', 'dInitialH', 'dInitialC'] },
  { name: 'GRU', kernels: RECURRENT_SEQUENCE_KERNELS.gru, attrs: { resetAfter: true }, outputs: ['h', 'dx', 'dKernel', 'dRecurrentKernel', 'dBias', 'dInitialH'] },
];

const lstm = (cell: Cell) => cell.name === 'LSTM';
const libraryOp = (cell: Cell) => `at::${cell.name.toLowerCase()}`;

/** Forward and backward with dStates = 1 on h and the LSTM's last c: → h per step, the last c and the gradients. */
function pass(cell: Cell, inputs: Inputs, path: Path): tf.Tensor[] {
  const attrs = { recurrentActivation: 'sigmoid', ...cell.attrs, ...path };
  const [states] = tf.engine().runKernel(cell.kernels.forward, inputs, attrs) as unknown as tf.Tensor[];
  const width = states.shape[2] as number;
  const h = tf.slice(states, [0, 0, 0], [-1, -1, UNITS]);
  const lastC = tf.slice(states, [0, STEPS - 1, UNITS], [-1, 1, UNITS]);
  // The gradient every caller can give: h at every step, the LSTM's c at the last one.
  const dC = lstm(cell) ? [tf.concat([tf.zeros([BATCH, STEPS - 1, UNITS]), tf.onesLike(lastC)], 1)] : [];
  const dStates = tf.concat([tf.onesLike(h), ...dC, tf.zeros([BATCH, STEPS, width - UNITS * (1 + dC.length)])], 2);
  const grads = tf.engine().runKernel(cell.kernels.backward, { ...inputs, states, dStates }, attrs) as unknown as tf.Tensor[];
  return [h, ...(lstm(cell) ? [lastC] : []), ...grads];
}

/** ‖a − b‖ / ‖b‖: the paths sum in different orders, so single elements near zero differ by more. */
function relativeError(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.div(tf.norm(tf.sub(a, b)), tf.norm(b)).dataSync()[0]);
}

/** Median and half the spread of 5 timings of 20 passes, in ms per pass; each read back one number to wait for the device. */
function timePasses(cell: Cell, inputs: Inputs, path: Path): { median: number; halfSpread: number } {
  const run = () => tf.tidy(() => pass(cell, inputs, path)[1].sum().dataSync());
  run();
  const times = Array.from({ length: 5 }, () => {
    const start = performance.now();
    for (let i = 0; i < 20; i++) run();
    return (performance.now() - start) / 20;
  }).sort((a, b) => a - b);
  return { median: times[2], halfSpread: (times[4] - times[0]) / 2 };
}

/** Compares and times the two paths on `inputs`; → the names of the outputs and gradients on which they disagree. */
function comparePaths(cell: Cell, label: string, inputs: Inputs): string[] {
  const op = libraryOp(cell);
  const errors = tf.tidy(() => {
    const library = pass(cell, inputs, LIBTORCH);
    const own = pass(cell, inputs, OWN);
    return cell.outputs.map((name, i) => [name, relativeError(library[i], own[i])] as const);
  });
  process.stdout.write(`${cell.name} ${label}: ${op} against Mimo's passes, relative error: ${errors.map(([n, e]) => `${n} ${e.toExponential(1)}`).join(', ')}\n`);
  const libraryTime = timePasses(cell, inputs, LIBTORCH);
  const ownTime = timePasses(cell, inputs, OWN);
  const format = (t: { median: number; halfSpread: number }) => `${t.median.toFixed(3)} ms (± ${t.halfSpread.toFixed(3)})`;
  process.stdout.write(`${cell.name} ${label}: forward + backward: ${op} ${format(libraryTime)}, Mimo's passes ${format(ownTime)}, ${op} ${(ownTime.median / libraryTime.median).toFixed(2)}× as fast\n`);
  return errors.filter(([, e]) => !(e <= TOLERANCE)).map(([n]) => `${cell.name} ${label} ${n}`);
}

/** Random inputs of the bench's shape for `cell`. */
function cellInputs(cell: Cell): Inputs {
  const gates = lstm(cell) ? 4 : 3;
  return {
    x: tf.randomNormal([BATCH, STEPS, FEATURES], 0, 1, 'float32', 1),
    kernel: tf.randomNormal([FEATURES, gates * UNITS], 0, 0.2, 'float32', 2),
    recurrentKernel: tf.randomNormal([UNITS, gates * UNITS], 0, 0.2, 'float32', 3),
    bias: tf.randomNormal(lstm(cell) ? [4 * UNITS] : [2, 3 * UNITS], 0, 0.2, 'float32', 4),
    initialH: tf.randomNormal([BATCH, UNITS], 0, 0.3, 'float32', 5),
    ...(lstm(cell) ? { initialC: tf.randomNormal([BATCH, UNITS], 0, 0.3, 'float32', 6) } : {}),
  };
}

async function main(): Promise<number> {
  const status = registerTorchBackend();
  if (!status.available) {
    process.stderr.write(`torch backend unavailable: ${status.reason}\n`);
    return 1;
  }
  await tf.setBackend('torch');
  // Row i runs 1 + (7·i mod 50) steps, then padding, as text padded 'post' is masked; the last row none (an empty text).
  const lengths = Array.from({ length: BATCH }, (_, i) => (i === BATCH - 1 ? 0 : 1 + ((7 * i) % STEPS)));
  const mask = tf.tensor2d(lengths.map((n) => Array.from({ length: STEPS }, (_, t) => (t < n ? 1 : 0))));
  process.stdout.write(`${status.info.device}, libtorch ${status.info.version}, LSTM(${UNITS}) and reset-after GRU(${UNITS}) over ${STEPS} steps × ${FEATURES} features, batch ${BATCH}\n`);
  const bad: string[] = [];
  for (const cell of CELLS) {
    const inputs = cellInputs(cell);
    bad.push(...comparePaths(cell, 'unmasked', inputs), ...comparePaths(cell, 'padded at the end', { ...inputs, mask }));
    tf.dispose(Object.values(inputs));
  }
  mask.dispose();
  if (bad.length > 0) process.stderr.write(`the two paths disagree on ${bad.join(', ')}\n`);
  return bad.length > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
