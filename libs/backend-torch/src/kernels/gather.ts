import * as tf from '@tensorflow/tfjs';
import { axesOf, inputDtype, torchKernel } from './kernel';

export const gatherKernels: tf.KernelConfig[] = [
  // x[..., indices, ...] along `axis`: [x.shape[:axis], indices.shape, x.shape[axis+1:]].
  torchKernel(
    'GatherV2',
    ({ inputs: { x, indices }, attrs, backend: b }) => {
      const { batchDims } = attrs as unknown as tf.GatherV2Attrs;
      if ((batchDims ?? 0) !== 0) throw new Error('torch backend: GatherV2 with batchDims > 0 is not implemented');
      const [axis] = axesOf(attrs.axis as number, x.shape.length);
      const flat = b.op('reshape', '', indices, [-1]);
      const picked = b.op('index_select', '', x, axis, b.cast(flat, 'int64'));
      return b.op('reshape', '', picked, [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)]);
    },
    inputDtype('x'),
  ),
  // The gradient of GatherV2: rows of x summed into numSegments rows by segmentIds (ids out of range dropped).
  torchKernel(
    'UnsortedSegmentSum',
    ({ inputs: { x, segmentIds }, attrs, backend: b }) => {
      const numSegments = attrs.numSegments as number;
      const ids = b.cast(b.op('reshape', '', segmentIds, [-1]), 'int64');
      const rows = b.op('reshape', '', x, [ids.shape[0], ...x.shape.slice(segmentIds.shape.length)]);
      const valid = b.op('logical_and', '', b.op('ge', 'Scalar', ids, 0), b.op('lt', 'Scalar', ids, numSegments));
      const keptRows = b.op('index', 'Tensor', rows, [valid]);
      const keptIds = b.op('index', 'Tensor', ids, [valid]);
      const zeros = b.op('zeros', '', [numSegments, ...rows.shape.slice(1)], x.dtype === 'int32' ? 3 : 6);
      return b.op('index_add', '', zeros, 0, keptIds, keptRows);
    },
    inputDtype('x'),
  ),
  // indices → [...indices.shape, depth]; out-of-range indices give a row of offValue.
  torchKernel(
    'OneHot',
    ({ inputs: { indices }, attrs, backend: b }) => {
      const { depth, onValue, offValue } = attrs as unknown as tf.OneHotAttrs;
      const positions = b.op('arange', '', depth, 3);
      const hot = b.op('eq', 'Tensor', b.op('unsqueeze', '', indices, -1), positions);
      return b.op('where', 'Scalar', hot, onValue, offValue);
    },
    ({ attrs }) => attrs.dtype as tf.DataType,
  ),
];
