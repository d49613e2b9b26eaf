import * as tf from '@tensorflow/tfjs';
import { DENSE_ACTIVATIONS, DENSE_KERNELS, DenseActivation, DenseGradAttrs } from '@mimo/kernels';
import { Kwargs } from './layer-utils';
import { activeBackendRuns } from '../backend-kernels';
import { gradientLikelyFlowsInto, registerGradientOnce } from './input-gradients';

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

/** The forward's attrs: the kernel's, and what its gradient needs to know. */
interface DenseOpAttrs extends DenseGradAttrs {
  /** `gradientLikelyFlowsInto(x)` when the forward ran; false: the gradient computes dx only if asked. */
  inputGradient: boolean;
}

/**
 * The Dense kernels' gradient: dKernel and dBias, with dx in the same call when x likely needs one. Otherwise dx
 * is left out, and computed (with the rest, again) only if the engine asks for it after all.
 */
const denseGradient: tf.GradConfig = {
  kernelName: DENSE_KERNELS.forward,
  inputsToSave: ['x', 'kernel'],
  outputsToSave: [true],
  gradFunc: (dy, [x, kernel, y], attrs) => {
    const { activation, hasBias, inputGradient } = attrs as unknown as DenseOpAttrs;
    const run = (withDx: boolean) => {
      const gradAttrs: DenseGradAttrs = { activation, hasBias, inputGradient: withDx };
      return tf.engine().runKernel(DENSE_KERNELS.backward, { x, kernel, y, dy: dy as tf.Tensor }, { ...gradAttrs }) as unknown as tf.Tensor[];
    };
    if (inputGradient) {
      const [dx, dKernel, dBias] = run(true);
      return { x: () => dx, kernel: () => dKernel, bias: () => dBias };
    }
    const [dKernel, dBias] = run(false);
    return { x: () => run(true)[0], kernel: () => dKernel, bias: () => dBias };
  },
};

/** activation(x·kernel + bias) in one kernel call, differentiable through the backend's gradient kernel. */
function runDense(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | undefined, activation: DenseActivation): tf.Tensor {
  registerGradientOnce(denseGradient);
  const attrs: DenseOpAttrs = { activation, hasBias: bias !== undefined, inputGradient: gradientLikelyFlowsInto(x) };
  return tf.engine().runKernel(DENSE_KERNELS.forward, bias === undefined ? { x, kernel } : { x, kernel, bias }, { ...attrs }) as tf.Tensor;
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
