import * as tf from '@tensorflow/tfjs';
import { DENSE_ACTIVATIONS, DENSE_KERNELS, DenseActivation, DenseAttrs, DenseGradAttrs } from '@mimo/kernels';
import { Kwargs } from './layer-utils';
import { activeBackendRuns } from '../backend-kernels';

/** tfjs-layers' Dense arguments, unchanged. */
export type FusedDenseArgs = Parameters<typeof tf.layers.dense>[0];

/** What the fused path reads from a tfjs-layers Dense (public fields, and its protected call hook). */
interface DenseFields {
  kernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  activation: tf.serialization.Serializable;
  invokeCallHook(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): void;
}

function isKernelActivation(name: string): name is DenseActivation {
  return (DENSE_ACTIVATIONS as readonly string[]).includes(name);
}

/** Whether the active backend runs a Dense layer as one kernel each way. */
export function hasDenseKernels(): boolean {
  return activeBackendRuns(DENSE_KERNELS.forward, DENSE_KERNELS.backward);
}

type DenseOp = (...inputs: tf.Tensor[]) => tf.Tensor;

/** activation(x·kernel + bias) in one kernel call, differentiable through the backend's gradient kernel. */
function makeDense(activation: DenseActivation, hasBias: boolean): DenseOp {
  const attrs: DenseAttrs = { activation };
  const gradAttrs: DenseGradAttrs = { activation, hasBias };
  const gradFunc = (dy: tf.Tensor, [x, kernel, y]: tf.Tensor[]) =>
    tf.engine().runKernel(DENSE_KERNELS.backward, { x, kernel, y, dy }, { ...gradAttrs }) as unknown as tf.Tensor[];
  return tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const [x, kernel, bias] = args as tf.Tensor[];
    const y = tf.engine().runKernel(DENSE_KERNELS.forward, hasBias ? { x, kernel, bias } : { x, kernel }, { ...attrs }) as tf.Tensor;
    save([x, kernel, y]);
    return { value: y, gradFunc };
  }) as DenseOp;
}

// One differentiable op per activation, without and with a bias (made on first use), not a new closure each call.
const denseOps = { withoutBias: new Map<DenseActivation, DenseOp>(), withBias: new Map<DenseActivation, DenseOp>() };

function runDense(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | undefined, activation: DenseActivation): tf.Tensor {
  const ops = bias === undefined ? denseOps.withoutBias : denseOps.withBias;
  let op = ops.get(activation);
  if (op === undefined) ops.set(activation, (op = makeDense(activation, bias !== undefined)));
  return bias === undefined ? op(x, kernel) : op(x, kernel, bias);
}

const registered = tf.serialization.SerializationMap.getMap().classNameMap.Dense;
if (registered === undefined) throw new Error("tfjs-layers registers no 'Dense' layer class to extend.");
const StockDense = registered[0] as unknown as new (args: FusedDenseArgs) => tf.layers.Layer;

/**
 * tfjs-layers' Dense with the same config, weights and className ('Dense', so saved models load anywhere;
 * `installFusedLayers` makes loading build this one). On a backend with
 * the Dense kernels (torch) a float32 input and a linear / relu / sigmoid / tanh activation run as one kernel
 * forward and one backward, instead of about four and eight tfjs kernels; elsewhere it is the stock layer.
 * First-order gradients only there: the gradient kernel has no gradient of its own (as with FusedLSTM).
 */
export class FusedDense extends StockDense {
  static className = 'Dense';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const layer = this as unknown as DenseFields;
    // Anything but exactly one tensor goes to the stock layer, which raises its own error.
    if (Array.isArray(inputs) && inputs.length !== 1) return super.call(inputs, kwargs);
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const activation = layer.activation.getClassName();
    if (x.dtype !== 'float32' || x.rank < 2 || !isKernelActivation(activation) || !hasDenseKernels()) return super.call(inputs, kwargs);
    return tf.tidy(() => {
      layer.invokeCallHook(inputs, kwargs);
      return runDense(x, layer.kernel.read(), layer.bias?.read(), activation);
    });
  }
}
