import * as tf from '@tensorflow/tfjs';
import { DENSE_ACTIVATIONS, DENSE_KERNELS, DenseActivation } from '@mimo/kernels';
import { NativeTensor } from '../native/torch-addon';
import { TorchBackend } from '../torch-backend';
import { torchKernel } from './kernel';

// The Dense kernels of @mimo/kernels' contract (DENSE_KERNELS): product, bias and activation in one native call each
// way (native/dense.h), around reshapes to and from [rows, features].

/** [..., n] as [rows, n]. */
const rows = (b: TorchBackend, t: tf.TensorInfo | NativeTensor, n: number) => (t.shape.length === 2 ? t : b.op('reshape', '', t, [-1, n]));

function checkActivation(activation: unknown): DenseActivation {
  if (DENSE_ACTIVATIONS.includes(activation as DenseActivation)) return activation as DenseActivation;
  throw new Error(`torch backend: Dense activation must be one of ${DENSE_ACTIVATIONS.join(', ')}. Received: '${String(activation)}'`);
}

export const denseKernels: tf.KernelConfig[] = [
  torchKernel(DENSE_KERNELS.forward, ({ inputs: { x, kernel, bias }, attrs, backend: b }) => {
    const activation = checkActivation(attrs.activation);
    const [features, units] = kernel.shape;
    const y = b.dense(rows(b, x, features), kernel, bias, activation);
    return x.shape.length === 2 ? y : b.op('reshape', '', y, [...x.shape.slice(0, -1), units]);
  }),
  torchKernel(DENSE_KERNELS.backward, ({ inputs: { x, kernel, y, dy }, attrs, backend: b }) => {
    const [features, units] = kernel.shape;
    const hasBias = attrs.hasBias === true;
    const inputGradient = attrs.inputGradient !== false;
    const [dx, dKernel, dBias] = b.denseGrad(rows(b, x, features), kernel, rows(b, y, units), rows(b, dy, units), checkActivation(attrs.activation), hasBias, inputGradient);
    const gradients = inputGradient ? [x.shape.length === 2 ? dx : b.op('reshape', '', dx as NativeTensor, x.shape), dKernel] : [dKernel];
    if (hasBias) gradients.push(dBias);
    return gradients as NativeTensor[];
  }),
];
