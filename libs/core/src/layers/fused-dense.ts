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

/** activation(x·kernel + bias) in one kernel call, differentiable through the backend's gradient kernel. */
function runDense(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | undefined, activation: DenseActivation): tf.Tensor {
  const attrs: DenseAttrs = { activation };
  const gradAttrs: DenseGradAttrs = { activation, hasBias: bias !== undefined };
  const run = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const [input, weights, offset] = args.slice(0, -1) as tf.Tensor[];
    const inputs: tf.NamedTensorMap = offset === undefined ? { x: input, kernel: weights } : { x: input, kernel: weights, bias: offset };
    const y = tf.engine().runKernel(DENSE_KERNELS.forward, inputs, { ...attrs }) as tf.Tensor;
    save([input, weights, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, [savedX, savedKernel, savedY]: tf.Tensor[]) =>
        tf.engine().runKernel(DENSE_KERNELS.backward, { x: savedX, kernel: savedKernel, y: savedY, dy }, { ...gradAttrs }) as unknown as tf.Tensor[],
    };
  });
  return bias === undefined ? run(x, kernel) : run(x, kernel, bias);
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
