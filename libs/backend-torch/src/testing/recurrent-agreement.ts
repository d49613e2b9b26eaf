import * as tf from '@tensorflow/tfjs';
import { RECURRENT_SEQUENCE_KERNELS } from '@mimo/kernels';
import { randomTensor as r } from './random-tensor';
import { onCpuThen, worstRelativeError } from './kernel-agreement';

const BATCH = 3;
const STEPS = 5;
const DEFAULT_FEATURES = 4;
const DEFAULT_UNITS = 6;
/** Sequence lengths 5, 3 and 0 (right-padded), plus a hole in the first row; repeated down a larger batch. */
const MASK = [[1, 1, 0, 1, 1], [1, 1, 1, 0, 0], [0, 0, 0, 0, 0]];
/** The same lengths without the hole: each row's steps first, the mask of text padded 'post'. */
const POST_PADDED_MASK = [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [0, 0, 0, 0, 0]];

type Cell = 'lstm' | 'gru';

/** One configuration of the whole-sequence kernels to compare with stock tfjs-layers. */
export interface RecurrentCase {
  cell: Cell;
  recurrentActivation: 'hardSigmoid' | 'sigmoid';
  masked: boolean;
  /**
   * With `masked`: the mask without the hole (each row's steps first), which the libtorch path runs as packed
   * sequences (cuDNN's variable lengths on cuda); with a hole it keeps Mimo's own passes even when asked.
   */
  postPadded?: boolean;
  useBias: boolean;
  /** A bias large enough that most gates saturate (pre-activations of ±100 and beyond, where exp clamps). */
  saturated?: boolean;
  /**
   * Runs each step as ATen ops (the kernels' `atenOps` attribute), Mimo's own path on every device but the cpu,
   * instead of the cpu's vectorised step loop (or, on cuda, libtorch's at::lstm / at::gru for a sigmoid LSTM / reset-after GRU).
   */
  atenOps?: boolean;
  /**
   * Runs a sigmoid LSTM or reset-after GRU through libtorch's at::lstm / at::gru and its autograd (the kernels' `libtorchRnn` attribute), the path
   * such an LSTM takes on cuda (cuDNN's kernels there), on any device: unmasked, or `postPadded`.
   */
  libtorchRnn?: boolean;
  /** GRU only: Keras's reset_after (the kernels' `resetAfter` attribute), bias [2, 3·units]; its reference is `resetAfterGru`. */
  resetAfter?: boolean;
  /** Rows (3 unless given): a batch of 40 is split across threads on the cpu where the addon has 2 or more. */
  batch?: number;
  /** The loss reads only the last state (no sequence term), whose gradient the kernel gets as `[batch, 1, width]`. */
  lastStepOnly?: boolean;
  /** Units (6 unless given): with 16 the cpu's per-step products run in AVX-512 registers where the CPU has them (small_gemm.h). */
  units?: number;
  /**
   * Input features (4 unless given): with 16 units, 16 features and a batch of 64, every product of the backward pass
   * runs in AVX-512 too, the weight gradients (k = steps·batch = 320) in more than one chunk of k.
   */
  features?: number;
}

/** Inputs, weights, initial states and the output weights of a scalar loss, the same on every backend. */
function problem(c: RecurrentCase) {
  const gates = c.cell === 'lstm' ? 4 : 3;
  const batch = c.batch ?? BATCH;
  const units = c.units ?? DEFAULT_UNITS;
  const features = c.features ?? DEFAULT_FEATURES;
  return {
    x: r([batch, STEPS, features], 'normal', 1),
    mask: tf.tensor2d(Array.from({ length: batch }, (_, i) => (c.postPadded ? POST_PADDED_MASK : MASK)[i % MASK.length])),
    kernel: tf.mul(r([features, gates * units], 'normal', 2), 0.4),
    recurrentKernel: tf.mul(r([units, gates * units], 'normal', 3), 0.4),
    // A reset-after GRU's two bias rows each with 1/√2 of the spread, so that the z and r gates' summed bias has the
    // single bias's.
    bias: tf.mul(r(c.resetAfter ? [2, gates * units] : [gates * units], 'normal', 4), (c.saturated ? 100 : 0.4) / (c.resetAfter ? Math.SQRT2 : 1)),
    initialH: tf.mul(r([batch, units], 'normal', 5), 0.3),
    initialC: tf.mul(r([batch, units], 'normal', 6), 0.3),
    dSequence: c.lastStepOnly ? tf.zeros([batch, STEPS, units]) : r([batch, STEPS, units], 'normal', 7),
    dLast: r([batch, units], 'normal', 8),
  };
}

type Values = Record<string, number[]>;
const read = (tensors: Record<string, tf.Tensor>): Values => Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, Array.from(t.dataSync())]));

/**
 * Keras's reset-after GRU step by step in tfjs ops (tfjs-layers has none): per step h, `[batch, steps, units]`. A
 * masked step carries h.
 */
function resetAfterGru(p: ReturnType<typeof problem>, c: RecurrentCase, x: tf.Tensor, initialH: tf.Tensor, weights: tf.Tensor[]): tf.Tensor {
  const [kernel, recurrentKernel, bias] = weights;
  const [inputBias, recurrentBias] = bias === undefined ? [] : tf.unstack(bias);
  const gate = (v: tf.Tensor) => (c.recurrentActivation === 'sigmoid' ? tf.sigmoid(v) : tf.clipByValue(tf.add(tf.mul(v, 0.2), 0.5), 0, 1));
  const plus = (v: tf.Tensor, b: tf.Tensor | undefined) => (b === undefined ? v : tf.add(v, b));
  const [batch, steps] = x.shape;
  let h = initialH;
  const sequence: tf.Tensor[] = [];
  for (let t = 0; t < steps; t++) {
    const xt = tf.reshape(tf.slice(x, [0, t, 0], [-1, 1, -1]), [batch, -1]);
    const [xz, xr, xh] = tf.split(plus(tf.matMul(xt, kernel), inputBias), 3, 1);
    const [hz, hr, hh] = tf.split(plus(tf.matMul(h, recurrentKernel), recurrentBias), 3, 1);
    const z = gate(tf.add(xz, hz));
    const candidate = tf.tanh(tf.add(xh, tf.mul(gate(tf.add(xr, hr)), hh)));
    const hNew = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate));
    h = c.masked ? tf.where(tf.cast(tf.slice(p.mask, [0, t], [-1, 1]), 'bool'), hNew, h) : hNew;
    sequence.push(h);
  }
  return tf.stack(sequence, 1);
}

/**
 * Stock tfjs-layers LSTM / GRU on cpu (a reset-after GRU: `resetAfterGru`): the sequence, the last c (LSTM), and the
 * gradients of Σ sequence·dSequence + Σ last state·dLast for x, the weights and the initial states.
 */
function reference(c: RecurrentCase): Values {
  return tf.tidy(() => {
    const p = problem(c);
    if (c.resetAfter) return resetAfterReference(p, c);
    const args = { units: c.units ?? DEFAULT_UNITS, recurrentActivation: c.recurrentActivation, useBias: c.useBias, returnSequences: true, returnState: true };
    const layer = c.cell === 'lstm' ? tf.layers.lstm(args) : tf.layers.gru(args);
    const weightNames = ['kernel', 'recurrentKernel', ...(c.useBias ? ['bias'] : [])];
    const inputs: Record<string, tf.Variable> = { x: tf.variable(p.x), initialH: tf.variable(p.initialH) };
    if (c.cell === 'lstm') inputs.initialC = tf.variable(p.initialC);
    const initialState = c.cell === 'lstm' ? [inputs.initialH, inputs.initialC] : [inputs.initialH];
    layer.apply(inputs.x, { initialState }); // builds the weights
    layer.setWeights(c.useBias ? [p.kernel, p.recurrentKernel, p.bias] : [p.kernel, p.recurrentKernel]);
    const variables: Record<string, tf.Variable> = { ...inputs };
    layer.trainableWeights.forEach((w, i) => (variables[weightNames[i]] = w.read() as tf.Variable));
    let values: Values = {};
    const { grads } = tf.variableGrads(() => {
      const outputs = layer.apply(inputs.x, { mask: c.masked ? p.mask : undefined, initialState }) as tf.Tensor[];
      const last = outputs[outputs.length - 1];
      values = read({ sequence: outputs[0], last });
      return tf.add(tf.sum(tf.mul(outputs[0], p.dSequence)), tf.sum(tf.mul(last, p.dLast))) as tf.Scalar;
    }, Object.values(variables));
    const gradients = Object.fromEntries(Object.entries(variables).map(([n, v]) => [`d${n}`, grads[v.name]]));
    const result = { ...values, ...read(gradients) };
    tf.dispose(Object.values(inputs));
    layer.dispose();
    return result;
  });
}

function resetAfterReference(p: ReturnType<typeof problem>, c: RecurrentCase): Values {
  const variables: Record<string, tf.Variable> = Object.fromEntries(
    ['x', 'kernel', 'recurrentKernel', ...(c.useBias ? ['bias'] : []), 'initialH'].map((name) => [name, tf.variable(p[name as keyof typeof p])]),
  );
  let values: Values = {};
  const { grads } = tf.variableGrads(() => {
    const weights = [variables.kernel, variables.recurrentKernel, ...(c.useBias ? [variables.bias] : [])];
    const sequence = resetAfterGru(p, c, variables.x, variables.initialH, weights);
    const last = tf.reshape(tf.slice(sequence, [0, STEPS - 1, 0], [-1, 1, -1]), p.dLast.shape);
    values = read({ sequence, last });
    return tf.add(tf.sum(tf.mul(sequence, p.dSequence)), tf.sum(tf.mul(last, p.dLast))) as tf.Scalar;
  }, Object.values(variables));
  const result = { ...values, ...read(Object.fromEntries(Object.entries(variables).map(([n, v]) => [`d${n}`, grads[v.name]]))) };
  tf.dispose(Object.values(variables));
  return result;
}

/** Graphs the torch backend keeps for a backward pass: one per live states tensor from libtorch's at::lstm / at::gru. */
const rnnGraphs = () => (tf.backend().memory() as { numRnnGraphs?: number }).numRnnGraphs ?? 0;

/**
 * The same through the torch kernels: forward, then the gradient kernel with dSequence and dLast in place in dStates
 * (only the last step's, dLast alone, for `lastStepOnly`); and whether the forward ran libtorch's at::lstm / at::gru.
 */
function fused(c: RecurrentCase): { values: Values; libtorchPath: boolean } {
  return tf.tidy(() => {
    const p = problem(c);
    const lstm = c.cell === 'lstm';
    const units = c.units ?? DEFAULT_UNITS;
    const inputs: Record<string, tf.Tensor> = { x: p.x, kernel: p.kernel, recurrentKernel: p.recurrentKernel, initialH: p.initialH };
    if (c.masked) inputs.mask = p.mask;
    if (c.useBias) inputs.bias = p.bias;
    if (lstm) inputs.initialC = p.initialC;
    const attrs = { recurrentActivation: c.recurrentActivation, atenOps: c.atenOps === true, libtorchRnn: c.libtorchRnn === true, resetAfter: c.resetAfter === true };
    const run = (name: string, extra: Record<string, tf.Tensor> = {}) =>
      tf.engine().runKernel(name, { ...inputs, ...extra } as unknown as tf.NamedTensorMap, attrs) as unknown as tf.Tensor[];
    // states: h, (c,) then the gates (only h and the last c filled on the libtorch path); the loss reads h at every
    // step and the last h (GRU) or c (LSTM).
    const graphsBefore = rnnGraphs();
    const [states] = run(lstm ? RECURRENT_SEQUENCE_KERNELS.lstm.forward : RECURRENT_SEQUENCE_KERNELS.gru.forward);
    const libtorchPath = rnnGraphs() > graphsBefore;
    const width = states.shape[2] as number;
    const sequence = tf.slice(states, [0, 0, 0], [-1, -1, units]);
    const lastOffset = lstm ? units : 0;
    const last = tf.slice(states, [0, STEPS - 1, lastOffset], [-1, 1, units]);
    const dLastStep = tf.pad(tf.expandDims(p.dLast, 1), [[0, 0], [0, 0], [lastOffset, width - lastOffset - units]]);
    const dStates = c.lastStepOnly
      ? dLastStep
      : tf.add(tf.pad(p.dSequence, [[0, 0], [0, 0], [0, width - units]]), tf.pad(dLastStep, [[0, 0], [STEPS - 1, 0], [0, 0]]));
    const grads = run(lstm ? RECURRENT_SEQUENCE_KERNELS.lstm.backward : RECURRENT_SEQUENCE_KERNELS.gru.backward, { states, dStates });
    const names = ['dx', 'dkernel', 'drecurrentKernel', ...(c.useBias ? ['dbias'] : []), 'dinitialH', ...(lstm ? ['dinitialC'] : [])];
    return { values: read({ sequence, last, ...Object.fromEntries(names.map((n, i) => [n, grads[i]])) }), libtorchPath };
  });
}

/**
 * LSTM and GRU, each gate activation, with and without a mask and a bias, saturated gates, a batch split across
 * threads, a last-step-only gradient, 16 units (the AVX-512 products, in 4-row blocks and a remainder); each on both
 * step paths, and each sigmoid LSTM on the libtorch path too (those whose mask has a hole keep Mimo's passes).
 */
export const RECURRENT_CASES: RecurrentCase[] = (
  [
    { cell: 'lstm', recurrentActivation: 'hardSigmoid', masked: true, useBias: true },
    { cell: 'lstm', recurrentActivation: 'sigmoid', masked: false, useBias: false },
    { cell: 'lstm', recurrentActivation: 'sigmoid', masked: false, useBias: true, batch: 40, lastStepOnly: true },
    { cell: 'lstm', recurrentActivation: 'sigmoid', masked: true, useBias: true, saturated: true },
    { cell: 'lstm', recurrentActivation: 'sigmoid', masked: true, postPadded: true, useBias: true },
    { cell: 'lstm', recurrentActivation: 'sigmoid', masked: true, postPadded: true, useBias: false, batch: 40, lastStepOnly: true },
    { cell: 'lstm', recurrentActivation: 'sigmoid', masked: true, useBias: true, batch: 40 },
    { cell: 'lstm', recurrentActivation: 'hardSigmoid', masked: true, useBias: true, lastStepOnly: true },
    { cell: 'lstm', recurrentActivation: 'sigmoid', masked: true, useBias: true, units: 16 },
    { cell: 'lstm', recurrentActivation: 'hardSigmoid', masked: false, useBias: true, units: 16, batch: 41 },
    { cell: 'lstm', recurrentActivation: 'sigmoid', masked: true, useBias: true, units: 16, features: 16, batch: 64 },
    { cell: 'gru', recurrentActivation: 'hardSigmoid', masked: true, useBias: true },
    { cell: 'gru', recurrentActivation: 'sigmoid', masked: false, useBias: false },
    { cell: 'gru', recurrentActivation: 'sigmoid', masked: true, useBias: true, saturated: true },
    { cell: 'gru', recurrentActivation: 'sigmoid', masked: true, useBias: true, batch: 40 },
    { cell: 'gru', recurrentActivation: 'hardSigmoid', masked: true, useBias: true, lastStepOnly: true },
    { cell: 'gru', recurrentActivation: 'sigmoid', masked: true, useBias: true, units: 16 },
    { cell: 'gru', recurrentActivation: 'hardSigmoid', masked: false, useBias: true, units: 16, batch: 41 },
    { cell: 'gru', recurrentActivation: 'sigmoid', masked: true, useBias: true, units: 16, features: 16, batch: 64 },
    { cell: 'gru', resetAfter: true, recurrentActivation: 'hardSigmoid', masked: true, useBias: true },
    { cell: 'gru', resetAfter: true, recurrentActivation: 'sigmoid', masked: false, useBias: false },
    { cell: 'gru', resetAfter: true, recurrentActivation: 'sigmoid', masked: true, useBias: true, saturated: true },
    { cell: 'gru', resetAfter: true, recurrentActivation: 'sigmoid', masked: true, useBias: true, batch: 40 },
    { cell: 'gru', resetAfter: true, recurrentActivation: 'sigmoid', masked: true, postPadded: true, useBias: true },
    { cell: 'gru', resetAfter: true, recurrentActivation: 'sigmoid', masked: true, postPadded: true, useBias: false, batch: 40, lastStepOnly: true },
    { cell: 'gru', resetAfter: true, recurrentActivation: 'hardSigmoid', masked: true, useBias: true, lastStepOnly: true },
    { cell: 'gru', resetAfter: true, recurrentActivation: 'sigmoid', masked: true, useBias: true, units: 16, features: 16, batch: 64 },
  ] satisfies RecurrentCase[]
).flatMap((c) => [c, { ...c, atenOps: true }, ...(c.recurrentActivation === 'sigmoid' && (c.cell === 'lstm' || c.resetAfter) ? [{ ...c, libtorchRnn: true }] : [])]);

/** A readable name of a case. */
export function recurrentCaseLabel(c: RecurrentCase): string {
  const bias = c.useBias ? ' with bias' : ' no bias';
  const shape = `${c.batch ? ` batch ${c.batch}` : ''}${c.units ? ` ${c.units} units` : ''}${c.features ? ` ${c.features} features` : ''}${c.lastStepOnly ? ' last-step gradient' : ''}`;
  return `${c.cell}${c.resetAfter ? ' reset after' : ''} ${c.recurrentActivation}${c.masked ? (c.postPadded ? ' masked (post-padded)' : ' masked') : ''}${bias}${c.saturated ? ' saturated' : ''}${shape}${c.atenOps ? ' (ATen steps)' : ''}${c.libtorchRnn ? ` (libtorch at::${c.cell})` : ''}`;
}

/** How the kernels on `backend` compare with stock tfjs-layers on cpu, per output and gradient. Leaves `backend` active. */
export interface RecurrentAgreement {
  /** Worst relative error per output (`sequence`, `last`) and gradient (`dx`, `dkernel`, …). */
  worstErrors: Record<string, number>;
  /** Output names present on one side only. */
  missing: string[];
  /** Whether the fully masked row kept its initial state exactly (always true when unmasked). */
  maskedRowKept: boolean;
  leakedTensors: number;
  /** Whether the kernels ran libtorch's at::lstm / at::gru (cuDNN on cuda): the backend then kept its graph beside the states. */
  libtorchPath: boolean;
}

export async function recurrentAgreement(c: RecurrentCase, backend = 'torch'): Promise<RecurrentAgreement> {
  const run = await onCpuThen(() => ({ values: reference(c), libtorchPath: false }), backend, () => fused(c));
  const [expected, actual] = [run.expected.values, run.actual.values];
  const names = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  const missing = [...names].filter((name) => !(name in actual && name in expected));
  const worstErrors = Object.fromEntries(Object.entries(expected).filter(([name]) => name in actual).map(([name, values]) => [name, worstRelativeError(actual[name], values)]));
  // The third row is fully masked: its last state must be its initial one, bit for bit.
  const units = c.units ?? DEFAULT_UNITS;
  const thirdRow = (last: number[]) => last.slice(2 * units, 3 * units);
  const maskedRowKept = !c.masked || tf.util.arraysEqual(thirdRow(actual.last), thirdRow(expected.last));
  return { worstErrors, missing, maskedRowKept, leakedTensors: run.leakedTensors, libtorchPath: run.actual.libtorchPath };
}
