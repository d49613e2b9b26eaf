import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { TorchBackend } from '../torch-backend';
import { channelsLast, cropExtra, padExtra, splitPadding, toNCHW, toNHWC } from './conv-geometry';
import { inputDtype, torchKernel } from './kernel';

interface PoolAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

interface PoolGeometry {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  extra: number[] | undefined;
  height: number;
  width: number;
}

function geometry(xShape: number[], a: PoolAttrs, maxPool: boolean): PoolGeometry {
  const info = tf.backend_util.computePool2DInfo(xShape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode, channelsLast(undefined));
  const kernel: [number, number] = [info.filterHeight, info.filterWidth];
  // ATen's max pool pads with -inf itself, but only up to half the window; avg pool is always padded here.
  const { padding, extra } = maxPool ? splitPadding(info.padInfo, [kernel[0] >> 1, kernel[1] >> 1]) : splitPadding(info.padInfo, [-1, -1]);
  const zero = info.padInfo.top + info.padInfo.bottom + info.padInfo.left + info.padInfo.right === 0;
  return { kernel, stride: [info.strideHeight, info.strideWidth], padding, extra: zero ? undefined : extra, height: info.inHeight, width: info.inWidth };
}

/** Max pool output and argmax indices (for the gradient) over the padded NCHW input. */
function maxPoolWithIndices(b: TorchBackend, input: NativeTensor, g: PoolGeometry): NativeTensor[] {
  return b.ops('max_pool2d_with_indices', '', input, g.kernel, g.stride, g.padding, [1, 1], false) as NativeTensor[];
}

/** Names the argmax of one max pool: of the input `x` (its native handle) with geometry `g`. */
const argmaxKey = (b: TorchBackend, x: tf.TensorInfo, g: PoolGeometry): string => `maxPoolArgmax ${b.handle(x)} ${JSON.stringify(g)}`;

/** Whether tfjs's tape records the kernel now running (as its engine decides: a gradient scope, a top-level kernel). */
const taped = (): boolean => tf.engine().state.gradientDepth > 0 && tf.engine().state.kernelDepth === 1;

/**
 * tfjs's average pool divides by the number of in-bounds elements. On the zero-padded
 * input: window sum / k² divided by (in-bounds count / k²), the average pool of a padded ones mask.
 */
function inBoundsFraction(b: TorchBackend, g: PoolGeometry): NativeTensor {
  const ones = b.op('ones', '', [1, 1, g.height, g.width]);
  return b.op('avg_pool2d', '', b.op('constant_pad_nd', '', ones, g.extra as number[], 0), g.kernel, g.stride, [0, 0], false, true);
}

export const poolKernels: tf.KernelConfig[] = [
  torchKernel(
    'MaxPool',
    ({ inputs: { x }, attrs, backend: b }) => {
      const g = geometry(x.shape, attrs as unknown as PoolAttrs, true);
      const input = padExtra(b, toNCHW(b, x), g.extra, -Infinity);
      if (!taped()) return toNHWC(b, b.op('max_pool2d', '', input, g.kernel, g.stride, g.padding, [1, 1], false));
      // On the tape the argmax (int64, twice the output's bytes) stays with the output, so MaxPoolGrad need not pool again.
      const [out, indices] = maxPoolWithIndices(b, input, g);
      const nhwc = toNHWC(b, out);
      b.attach(nhwc, argmaxKey(b, x, g), indices);
      return nhwc;
    },
    inputDtype('x'),
  ),
  torchKernel(
    'MaxPoolGrad',
    ({ inputs: { dy, input, output }, attrs, backend: b }) => {
      const g = geometry(input.shape, attrs as unknown as PoolAttrs, true);
      const padded = padExtra(b, toNCHW(b, input), g.extra, -Infinity);
      const indices = b.attached(output, argmaxKey(b, input, g)) ?? maxPoolWithIndices(b, padded, g)[1];
      const grad = b.op('max_pool2d_with_indices_backward', '', toNCHW(b, dy), padded, g.kernel, g.stride, g.padding, [1, 1], false, indices);
      return toNHWC(b, cropExtra(b, grad, g.extra, g.height, g.width));
    },
    inputDtype('dy'),
  ),
  torchKernel(
    'AvgPool',
    ({ inputs: { x }, attrs, backend: b }) => {
      const g = geometry(x.shape, attrs as unknown as PoolAttrs, false);
      const input = padExtra(b, toNCHW(b, x), g.extra);
      const mean = b.op('avg_pool2d', '', input, g.kernel, g.stride, [0, 0], false, true);
      return toNHWC(b, g.extra === undefined ? mean : b.op('div', 'Tensor', mean, inBoundsFraction(b, g)));
    },
    inputDtype('x'),
  ),
  torchKernel(
    'AvgPoolGrad',
    ({ inputs: { dy, input }, attrs, backend: b }) => {
      const g = geometry(input.shape, attrs as unknown as PoolAttrs, false);
      // As tfjs's cpu kernel: every window's gradient is spread over the whole window, padding included.
      const padded = padExtra(b, toNCHW(b, input), g.extra);
      const grad = b.op('avg_pool2d_backward', '', toNCHW(b, dy), padded, g.kernel, g.stride, [0, 0], false, true, null);
      return toNHWC(b, cropExtra(b, grad, g.extra, g.height, g.width));
    },
    inputDtype('dy'),
  ),
];
