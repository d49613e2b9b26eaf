import * as tf from '@tensorflow/tfjs';
import { RECURRENT_INPUTS, RECURRENT_SEQUENCE_KERNELS, RecurrentAttrs, RecurrentCellKind } from '@mimo/kernels';
import { toList } from './layer-utils';
import { activeBackendRuns } from '../backend-kernels';

/** Inputs of one whole-sequence run (tfjs-layers' weight layout); `mask` is 0/1 float32 `[batch, steps]`. */
export interface RecurrentSequenceInputs {
  x: tf.Tensor;
  mask?: tf.Tensor;
  kernel: tf.Tensor;
  recurrentKernel: tf.Tensor;
  bias?: tf.Tensor;
  initialH: tf.Tensor;
  /** LSTM only. */
  initialC?: tf.Tensor;
}


/** Whether the active backend runs `kind` as one kernel. */
export function hasRecurrentSequenceKernel(kind: RecurrentCellKind): boolean {
  const { forward, backward } = RECURRENT_SEQUENCE_KERNELS[kind];
  return activeBackendRuns(forward, backward);
}

/**
 * The whole sequence in one kernel call, differentiable through the backend's gradient kernel.
 * `[batch, steps, features]` → per step h, then (LSTM) c, then the gates the backward pass reuses:
 * `[batch, steps, 6·units]` for LSTM, `[batch, steps, 4·units]` for GRU (5·units reset after); with `lastStepOnly`, only the last
 * step's `[batch, 1, width]`, whose gradient reaches the gradient kernel as is instead of padded with zeros to
 * every step (a states-sized tensor per training step).
 */
export function runRecurrentSequence(
  kind: RecurrentCellKind,
  inputs: RecurrentSequenceInputs,
  attrs: RecurrentAttrs,
  lastStepOnly = false,
): tf.Tensor {
  const { forward, backward } = RECURRENT_SEQUENCE_KERNELS[kind];
  const names = RECURRENT_INPUTS.filter((name) => inputs[name] !== undefined);
  const named = (tensors: tf.Tensor[]) => Object.fromEntries(names.map((name, i) => [name, tensors[i]])) as tf.NamedTensorMap;
  // Gradients come back as dx, dKernel, dRecurrentKernel, dBias (with a bias), dInitialH, dInitialC (LSTM).
  const gradientNames = names.filter((name) => name !== 'mask');
  const [, steps] = inputs.x.shape;
  const run = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const tensors = args.slice(0, -1) as tf.Tensor[];
    const [states] = toList(tf.engine().runKernel(forward, named(tensors), { ...attrs }) as tf.Tensor | tf.Tensor[]);
    save([...tensors, states]);
    return {
      value: lastStepOnly ? tf.slice(states, [0, steps - 1, 0], [-1, 1, -1]) : states,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const savedInputs = named(saved.slice(0, names.length));
        const states = saved[names.length];
        const grads = toList(tf.engine().runKernel(backward, { ...savedInputs, states, dStates: dy }, { ...attrs }) as tf.Tensor | tf.Tensor[]);
        const byName = Object.fromEntries(gradientNames.map((name, i) => [name, grads[i]]));
        return names.map((name) => (name === 'mask' ? tf.zerosLike(savedInputs.mask) : byName[name]));
      },
    };
  });
  return run(...names.map((name) => inputs[name] as tf.Tensor));
}
