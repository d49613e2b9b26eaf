import * as tf from '@tensorflow/tfjs';
import { RecurrentAttrs, RecurrentCellKind } from '@mimo/kernels';
import { Kwargs, KwargsMask, toFloatMask } from './layer-utils';
import { OrthogonalInitializer } from './orthogonal-initializer';
import { hasRecurrentSequenceKernel, runRecurrentSequence } from './recurrent-sequence-op';

/** What the fused path reads from a tfjs-layers LSTM / GRU layer and its cell (public fields of both). */
interface RecurrentLayerFields {
  stateful: boolean;
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  cell: {
    units: number;
    activation: tf.serialization.Serializable;
    recurrentActivation: tf.serialization.Serializable;
    useBias: boolean;
    dropout: number;
    recurrentDropout: number;
    kernel: { read(): tf.Tensor };
    recurrentKernel: { read(): tf.Tensor };
    bias: { read(): tf.Tensor } | null;
    /** ResetAfterGRUCell's. */
    resetAfter?: boolean;
  };
}

/** Gate activations the sequence kernels implement (the candidate activation must be tanh). */
const GATE_ACTIVATIONS: readonly string[] = ['hardSigmoid', 'sigmoid'] satisfies RecurrentAttrs['recurrentActivation'][];

function isGateActivation(name: string): name is RecurrentAttrs['recurrentActivation'] {
  return GATE_ACTIVATIONS.includes(name);
}

/**
 * A subclass of tfjs-layers' own `className` layer (taken from tfjs's registry, which `installFusedLayers` may
 * later point at this one so that loading builds it), with the same config, weights and className, so its
 * saved models load with stock tfjs. A recurrent initializer saved as tfjs's Orthogonal is built as
 * `OrthogonalInitializer` (same distribution, computed in JavaScript). Its `call` runs the whole sequence as
 * one kernel forward and one backward on a backend that has them (torch), and is the stock per-step
 * computation elsewhere, or when stateful, with dropout or with an activation the kernels lack.
 */
export function fusedRecurrentClass<T extends tf.layers.RNN, Args>(
  kind: RecurrentCellKind,
  className: 'LSTM' | 'GRU',
): tf.serialization.SerializableConstructor<T> & (new (args: Args) => T) {
  const registered = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (registered === undefined) throw new Error(`tfjs-layers registers no '${className}' layer class to extend.`);
  const Stock = registered[0] as unknown as tf.serialization.SerializableConstructor<tf.layers.RNN>;
  class Fused extends Stock {
    static override className = className;

    constructor(args: Record<string, unknown>) {
      super(withOrthogonalInitializer(args));
    }

    override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
      return fusedRecurrentCall(kind, this, inputs, kwargs) ?? super.call(inputs, kwargs);
    }
  }
  return Fused as unknown as tf.serialization.SerializableConstructor<T> & (new (args: Args) => T);
}

/** `args` with an Orthogonal recurrent initializer — tfjs's default, name, config or instance — as `OrthogonalInitializer`. */
export function withOrthogonalInitializer<A extends { recurrentInitializer?: unknown }>(args: A): A {
  const given = args.recurrentInitializer;
  if (given === undefined || given === 'orthogonal') return { ...args, recurrentInitializer: new OrthogonalInitializer() };
  if (given instanceof OrthogonalInitializer || typeof given !== 'object' || given === null) return args;
  if ('className' in given && given.className === 'Orthogonal' && 'config' in given) {
    return { ...args, recurrentInitializer: new OrthogonalInitializer(given.config as { gain?: number; seed?: number }) };
  }
  if (given instanceof tf.serialization.Serializable && given.getClassName() === 'Orthogonal') {
    return { ...args, recurrentInitializer: new OrthogonalInitializer(given.getConfig() as { gain?: number; seed?: number }) };
  }
  return args;
}

/**
 * The outputs of an LSTM / GRU layer's `call` computed by the backend's whole-sequence kernels, exactly
 * as tfjs-layers' `RNN.call` defines them (mask carries state, goBackwards returns the sequence in
 * processing order, returnState appends h (and c)). Undefined when the stock per-step loop must run:
 * no such kernel on the active backend, stateful, dropout, or an activation the kernels lack.
 */
export function fusedRecurrentCall(kind: RecurrentCellKind, rnn: tf.layers.RNN, inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] | undefined {
  const layer = rnn as unknown as RecurrentLayerFields;
  const { cell } = layer;
  const x = Array.isArray(inputs) ? inputs[0] : inputs;
  const gate = cell.recurrentActivation.getClassName();
  const supported =
    !layer.stateful && cell.dropout === 0 && cell.recurrentDropout === 0 && cell.activation.getClassName() === 'tanh' && isGateActivation(gate);
  if (!supported || x.rank !== 3 || x.dtype !== 'float32' || x.shape[1] === 0 || !hasRecurrentSequenceKernel(kind)) return undefined;
  return tf.tidy(() => {
    const [batch, steps] = x.shape;
    const kwargsMask = kwargs?.['mask'] as KwargsMask;
    const rawMask = Array.isArray(kwargsMask) ? kwargsMask[0] : kwargsMask;
    let mask = rawMask == null ? undefined : tf.reshape(toFloatMask(rawMask), [batch, steps]);
    let sequenceInput = x;
    if (layer.goBackwards) {
      sequenceInput = tf.reverse(x, 1);
      mask = mask && tf.reverse(mask, 1);
    }
    const [initialH, initialC] = (kwargs?.['initialState'] as tf.Tensor[] | null | undefined) ?? [tf.zeros([batch, cell.units]), tf.zeros([batch, cell.units])];
    // Without returnSequences only the last step is read: the kernel's gradient then takes just that step's.
    const out = runRecurrentSequence(
      kind,
      {
        x: sequenceInput,
        mask,
        kernel: cell.kernel.read(),
        recurrentKernel: cell.recurrentKernel.read(),
        bias: cell.useBias && cell.bias !== null ? cell.bias.read() : undefined,
        initialH,
        initialC: kind === 'lstm' ? initialC : undefined,
      },
      { recurrentActivation: gate, ...(cell.resetAfter === true ? { resetAfter: true } : {}) },
      !layer.returnSequences,
    );
    const units = cell.units;
    const atLastStep = (offset: number) => tf.reshape(tf.slice(out, [0, layer.returnSequences ? steps - 1 : 0, offset], [-1, 1, units]), [batch, units]);
    const h = atLastStep(0);
    const output = layer.returnSequences ? tf.slice(out, [0, 0, 0], [-1, -1, units]) : h;
    if (!layer.returnState) return output;
    return kind === 'lstm' ? [output, h, atLastStep(units)] : [output, h];
  });
}
