import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { TorchBackend } from '../torch-backend';
import { axesOf, torchKernel } from './kernel';

interface ReduceAttrs {
  axis?: number | number[];
  reductionIndices?: number | number[];
  keepDims: boolean;
}

type Reducer = (b: TorchBackend, x: NativeTensor | tf.TensorInfo, axes: number[], keepDims: boolean) => NativeTensor;

/** Reduces one axis at a time, last axis first, for ATen ops that take a single dim. */
const eachAxis =
  (name: string): Reducer =>
  (b, x, axes, keepDims) => {
    let out = x;
    for (const axis of [...axes].reverse()) out = b.op(name, 'dim_int', out, axis, keepDims);
    return out as NativeTensor;
  };

const REDUCERS: Record<string, { reduce: Reducer; dtype: (x: tf.DataType) => tf.DataType }> = {
  Sum: { reduce: (b, x, axes, keep) => b.op('sum', 'dim_IntList', x, axes, keep), dtype: (x) => (x === 'bool' ? 'int32' : x) },
  Mean: { reduce: (b, x, axes, keep) => b.op('mean', 'dim', b.cast(x as tf.TensorInfo, 'float32'), axes, keep), dtype: () => 'float32' },
  Max: { reduce: (b, x, axes, keep) => b.op('amax', '', x, axes, keep), dtype: (x) => x },
  Min: { reduce: (b, x, axes, keep) => b.op('amin', '', x, axes, keep), dtype: (x) => x },
  Prod: { reduce: eachAxis('prod'), dtype: (x) => (x === 'bool' ? 'int32' : x) },
  All: { reduce: (b, x, axes, keep) => eachAxisBool(b, 'all', x, axes, keep), dtype: () => 'bool' },
  Any: { reduce: (b, x, axes, keep) => eachAxisBool(b, 'any', x, axes, keep), dtype: () => 'bool' },
};

function eachAxisBool(b: TorchBackend, name: string, x: NativeTensor | tf.TensorInfo, axes: number[], keepDims: boolean): NativeTensor {
  let out = x;
  for (const axis of [...axes].reverse()) out = b.op(name, 'dim', out, axis, keepDims);
  return out as NativeTensor;
}

const reduceKernels = Object.entries(REDUCERS).map(([name, { reduce, dtype }]) =>
  torchKernel(
    name,
    ({ inputs: { x }, attrs, backend }) => {
      const { axis, reductionIndices, keepDims } = attrs as unknown as ReduceAttrs;
      const axes = axesOf(reductionIndices ?? axis, x.shape.length);
      // ATen reads an empty axis list as "all axes"; tfjs as "none".
      if (axes.length === 0) return backend.op('clone', '', x);
      return reduce(backend, x, axes, keepDims);
    },
    ({ inputs: { x } }) => dtype(x.dtype),
  ),
);

const argKernels = (['ArgMax', 'ArgMin'] as const).map((name) =>
  torchKernel(
    name,
    ({ inputs: { x }, attrs, backend }) => {
      const [axis] = axesOf(attrs.axis as number | number[], x.shape.length);
      return backend.op(name === 'ArgMax' ? 'argmax' : 'argmin', '', x, axis, false);
    },
    () => 'int32',
  ),
);

export const reductionKernels: tf.KernelConfig[] = [
  ...reduceKernels,
  ...argKernels,
  torchKernel('Softmax', ({ inputs: { logits }, attrs, backend }) => backend.op('softmax', 'int', logits, attrs.dim as number), () => 'float32'),
];
