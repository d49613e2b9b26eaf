import * as tf from '@tensorflow/tfjs';
import { SCALAR_TYPE } from '../torch-backend';
import { inputDtype, sharingUnchanged, torchKernel } from './kernel';

const scalarType = (dtype: tf.DataType): number => {
  const code = SCALAR_TYPE[dtype as keyof typeof SCALAR_TYPE];
  if (code === undefined) throw new Error(`torch backend: no native dtype for ${dtype}`);
  return code;
};

export const createKernels: tf.KernelConfig[] = [
  // tfjs's gradients cast to float32 what is float32 already, often.
  sharingUnchanged(
    torchKernel('Cast', ({ inputs: { x }, attrs, backend }) => backend.cast(x, attrs.dtype as tf.DataType), ({ attrs }) => attrs.dtype as tf.DataType),
    (x, attrs) => x.dtype === attrs.dtype,
  ),
  // condition ? t : e; a rank-1 condition picks whole rows of t and e.
  torchKernel(
    'Select',
    ({ inputs: { condition, t, e }, backend: b }) => {
      const rowwise = condition.shape.length === 1 && t.shape.length > 1;
      const cond = rowwise ? b.op('reshape', '', condition, [condition.shape[0], ...t.shape.slice(1).map(() => 1)]) : condition;
      return b.op('where', 'self', b.cast(cond, 'bool'), t, e);
    },
    inputDtype('t'),
  ),
  torchKernel(
    'Fill',
    ({ attrs, backend }) => backend.op('full', '', attrs.shape as number[], attrs.value as number, scalarType(attrs.dtype as tf.DataType)),
    ({ attrs }) => attrs.dtype as tf.DataType,
  ),
  torchKernel('ZerosLike', ({ inputs: { x }, backend }) => backend.op('zeros_like', '', x), inputDtype('x')),
  torchKernel('OnesLike', ({ inputs: { x }, backend }) => backend.op('ones_like', '', x), inputDtype('x')),
  torchKernel(
    'Range',
    ({ attrs, backend }) => {
      const { start, stop, step, dtype } = attrs as unknown as tf.RangeAttrs;
      // tfjs gives an empty range when step points away from stop; ATen throws.
      if ((stop - start) * step <= 0) return backend.op('zeros', '', [0], scalarType(dtype));
      return backend.op('arange', 'start_step', start, stop, step, scalarType(dtype));
    },
    ({ attrs }) => attrs.dtype as tf.DataType,
  ),
];
