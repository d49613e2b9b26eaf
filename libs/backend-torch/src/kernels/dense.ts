import * as tf from '@tensorflow/tfjs';
import { DENSE_ACTIVATIONS, DENSE_KERNELS, DenseActivation } from '@mimo/kernels';
import { NativeTensor } from '../native/torch-addon';
import { TorchBackend } from '../torch-backend';
import { torchKernel } from './kernel';

// The Dense kernels of @mimo/kernels' contract (DENSE_KERNELS): product, bias and activation in one kernel each way.

/** [..., n] as [rows, n]. */
const rows = (b: TorchBackend, t: tf.TensorInfo | NativeTensor, n: number) => (t.shape.length === 2 ? t : b.op('reshape', '', t, [-1, n]));

function activate(b: TorchBackend, z: NativeTensor, activation: DenseActivation): NativeTensor {
  if (activation === 'linear') return z;
  return b.op(activation, '', z);
}

// d(pre-activation) from dy and the output y.
function preActivationGradient(b: TorchBackend, dy: tf.TensorInfo | NativeTensor, y: tf.TensorInfo | NativeTensor, activation: DenseActivation): tf.TensorInfo | NativeTensor {
  if (activation === 'relu') return b.op('threshold_backward', '', dy, y, 0);
  if (activation === 'sigmoid') return b.op('sigmoid_backward', '', dy, y);
  if (activation === 'tanh') return b.op('tanh_backward', '', dy, y);
  return dy;
}

function checkActivation(activation: unknown): DenseActivation {
  if (DENSE_ACTIVATIONS.includes(activation as DenseActivation)) return activation as DenseActivation;
  throw new Error(`torch backend: Dense activation must be one of ${DENSE_ACTIVATIONS.join(', ')}. Received: '${String(activation)}'`);
}

export const denseKernels: tf.KernelConfig[] = [
  torchKernel(DENSE_KERNELS.forward, ({ inputs: { x, kernel, bias }, attrs, backend: b }) => {
    const activation = checkActivation(attrs.activation);
    const [features, units] = kernel.shape;
    const flat = rows(b, x, features);
    const z = b.linear(flat, kernel, bias);
    const y = activate(b, z, activation);
    return x.shape.length === 2 ? y : b.op('reshape', '', y, [...x.shape.slice(0, -1), units]);
  }),
  torchKernel(DENSE_KERNELS.backward, ({ inputs: { x, kernel, y, dy }, attrs, backend: b }) => {
    const [features, units] = kernel.shape;
    const dz = rows(b, preActivationGradient(b, rows(b, dy, units), rows(b, y, units), checkActivation(attrs.activation)), units);
    const dx = b.linear(dz, b.op('t', '', kernel));
    const gradients = [x.shape.length === 2 ? dx : b.op('reshape', '', dx, x.shape), b.linear(b.op('t', '', rows(b, x, features)), dz)];
    if (attrs.hasBias === true) gradients.push(b.op('sum', 'dim_IntList', dz, [0], false));
    return gradients as NativeTensor[];
  }),
];
