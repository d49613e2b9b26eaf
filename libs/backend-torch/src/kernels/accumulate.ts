import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { axesOf, inputDtype, torchKernel } from './kernel';

export const accumulateKernels: tf.KernelConfig[] = [
  // Σ inputs (same shapes); the tape uses it to sum gradients.
  torchKernel(
    'AddN',
    ({ inputs, backend: b }) => {
      const [first, ...rest] = Object.values(inputs);
      return rest.reduce<NativeTensor | tf.TensorInfo>((sum, t) => b.op('add', 'Tensor', sum, t), rest.length === 0 ? b.op('clone', '', first) : first) as NativeTensor;
    },
    ({ inputs }) => Object.values(inputs)[0].dtype,
  ),
  // Running sum along `axis`; `exclusive` leaves out the current element, `reverse` runs from the end.
  torchKernel(
    'Cumsum',
    ({ inputs: { x }, attrs, backend: b }) => {
      const [axis] = axesOf(attrs.axis as number, x.shape.length);
      const source = attrs.reverse ? b.op('flip', '', x, [axis]) : x;
      let sum = b.op('cumsum', '', source, axis);
      if (attrs.exclusive) sum = b.op('sub', 'Tensor', sum, source);
      return attrs.reverse ? b.op('flip', '', sum, [axis]) : sum;
    },
    inputDtype('x'),
  ),
  torchKernel('Einsum', ({ inputs, attrs, backend: b }) => b.op('einsum', '', attrs.equation as string, Object.values(inputs), null), ({ inputs }) => Object.values(inputs)[0].dtype),
];
