import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { SCALAR_TYPE, TorchBackend } from '../torch-backend';
import { axesOf, inputDtype, KernelInputs, sharingUnchanged, sizeOf, torchKernel } from './kernel';

/** Slices every axis by `begin`, `size` (sizes already resolved, no -1), `strides` (default 1; negative reads backwards). */
function sliceAxes(b: TorchBackend, x: tf.TensorInfo, begin: number[], size: number[], strides?: number[]): NativeTensor | tf.TensorInfo {
  let out: NativeTensor | tf.TensorInfo = x;
  for (let axis = 0; axis < begin.length; axis++) {
    const step = strides?.[axis] ?? 1;
    const n = Math.max(size[axis], 0);
    if (step > 0) {
      if (begin[axis] === 0 && n === x.shape[axis] && step === 1) continue;
      const start = Math.min(begin[axis], x.shape[axis]);
      out = b.op('slice', 'Tensor', out, axis, start, n === 0 ? start : start + (n - 1) * step + 1, step);
    } else {
      const flipped = b.op('flip', '', out, [axis]);
      const start = x.shape[axis] - 1 - begin[axis];
      out = b.op('slice', 'Tensor', flipped, axis, start, n === 0 ? start : start + (n - 1) * -step + 1, -step);
    }
  }
  return out;
}

/** The Reshape kernel's output shape, -1 resolved. */
function targetShape(x: tf.TensorInfo, attrs: tf.NamedAttrMap): number[] {
  return tf.util.inferFromImplicitShape(attrs.shape as number[], sizeOf(x.shape));
}

function reshape(b: TorchBackend, x: NativeTensor | tf.TensorInfo, shape: number[]): NativeTensor {
  return b.op('reshape', '', x, shape);
}

const concat = ({ inputs, attrs, backend: b }: { inputs: KernelInputs; attrs: tf.NamedAttrMap; backend: TorchBackend }): NativeTensor => {
  const tensors = Object.values(inputs);
  const [axis] = axesOf(attrs.axis as number, tensors[0].shape.length);
  const shape = tf.backend_util.computeOutShape(tensors.map((t) => t.shape), axis);
  const nonEmpty = tensors.filter((t) => sizeOf(t.shape) > 0);
  if (nonEmpty.length === 0) return b.op('zeros', '', shape, SCALAR_TYPE[tensors[0].dtype as keyof typeof SCALAR_TYPE]);
  return b.op('cat', '', nonEmpty, axis);
};

export const shapeKernels: tf.KernelConfig[] = [
  // tfjs's gradients reshape to the shape a tensor has already, often.
  sharingUnchanged(
    torchKernel('Reshape', ({ inputs: { x }, attrs, backend }) => reshape(backend, x, targetShape(x, attrs)), inputDtype('x')),
    (x, attrs) => tf.util.arraysEqual(targetShape(x, attrs), x.shape),
  ),
  torchKernel('ExpandDims', ({ inputs: { input }, attrs, backend }) => backend.op('unsqueeze', '', input, attrs.dim as number), inputDtype('input')),
  torchKernel('Transpose', ({ inputs: { x }, attrs, backend }) => backend.op('permute', '', x, attrs.perm as number[]), inputDtype('x')),
  torchKernel(
    'Slice',
    ({ inputs: { x }, attrs, backend }) => {
      const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin as number[], attrs.size as number[]);
      // A view, not a copy (a batch sliced from a dataset each step costs no copy): no kernel writes into its inputs.
      const view = sliceAxes(backend, x, begin, size);
      return 'dataId' in view ? backend.op('alias', '', view) : view;
    },
    inputDtype('x'),
  ),
  torchKernel(
    'StridedSlice',
    ({ inputs: { x }, attrs, backend }) => {
      const a = attrs as unknown as tf.StridedSliceAttrs;
      const info = tf.slice_util.sliceInfo(x.shape, a.begin, a.end, a.strides, a.beginMask, a.endMask, a.ellipsisMask, a.newAxisMask, a.shrinkAxisMask);
      const size = tf.slice_util.computeOutShape(info.begin, info.end, info.strides);
      return reshape(backend, sliceAxes(backend, x, info.begin, size, info.strides), info.finalShape);
    },
    inputDtype('x'),
  ),
  torchKernel('Concat', concat, ({ inputs }) => Object.values(inputs)[0].dtype),
  torchKernel('Pack', ({ inputs, attrs, backend }) => {
    const tensors = Object.values(inputs);
    const [axis] = axesOf(attrs.axis as number, tensors[0].shape.length + 1);
    return backend.op('stack', '', tensors, axis);
  }, ({ inputs }) => Object.values(inputs)[0].dtype),
  torchKernel('Unpack', ({ inputs: { value }, attrs, backend }) => {
    const [axis] = axesOf(attrs.axis as number, value.shape.length);
    return (backend.ops('unbind', 'int', value, axis)[0] as NativeTensor[]).map((t) => backend.op('clone', '', t));
  }, inputDtype('value')),
  torchKernel('SplitV', ({ inputs: { x }, attrs, backend }) => {
    const [axis] = axesOf(attrs.axis as number, x.shape.length);
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits as number | number[], axis);
    return (backend.ops('split_with_sizes', '', x, sizes, axis)[0] as NativeTensor[]).map((t) => backend.op('clone', '', t));
  }, inputDtype('x')),
  torchKernel('Tile', ({ inputs: { x }, attrs, backend }) => backend.op('repeat', '', x, attrs.reps as number[]), inputDtype('x')),
  torchKernel('PadV2', ({ inputs: { x }, attrs, backend }) => {
    const paddings = attrs.paddings as Array<[number, number]>;
    // ATen lists paddings from the last axis backwards.
    const pad = [...paddings].reverse().flat();
    return backend.op('constant_pad_nd', '', x, pad, attrs.constantValue as number);
  }, inputDtype('x')),
  torchKernel('Reverse', ({ inputs: { x }, attrs, backend }) => backend.op('flip', '', x, axesOf(attrs.dims as number | number[], x.shape.length)), inputDtype('x')),
];
