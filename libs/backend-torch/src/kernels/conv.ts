import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { SCALAR_TYPE, TorchBackend } from '../torch-backend';
import { applyActivation, FusedActivation } from './activation';
import { channelsLast, cropExtra, padExtra, splitPadding, toNCHW, toNHWC } from './conv-geometry';
import { inputDtype, torchKernel } from './kernel';

interface ConvAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape?: [number, number, number, number];
  filterShape?: [number, number, number, number];
  activation?: FusedActivation;
  leakyreluAlpha?: number;
}

function convInfo(xShape: number[], filterShape: number[], a: ConvAttrs): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    a.strides,
    a.dilations ?? 1,
    a.pad,
    a.dimRoundingMode,
    false,
    channelsLast(a.dataFormat),
  );
}

/** c10::MemoryFormat::ChannelsLast: NHWC memory, as every tensor here; ATen's CPU convolutions are far faster on it. */
const CHANNELS_LAST = 2;

/** An uninitialised float32 NCHW tensor laid out channels-last: the shape-only argument a conv gradient needs. */
const emptyChannelsLast = (b: TorchBackend, shape: number[]): NativeTensor =>
  b.op('empty', 'memory_format', shape, SCALAR_TYPE.float32, undefined, undefined, undefined, CHANNELS_LAST);

/** [fh, fw, in, out] → ATen's [out, in, fh, fw]. */
const toOIHW = (b: TorchBackend, filter: tf.TensorInfo): NativeTensor => b.op('permute', '', filter, [3, 2, 0, 1]);

function conv2d(b: TorchBackend, x: tf.TensorInfo, filter: tf.TensorInfo, a: ConvAttrs, bias?: tf.TensorInfo): NativeTensor {
  const info = convInfo(x.shape, filter.shape, a);
  const { padding, extra } = splitPadding(info.padInfo);
  const input = padExtra(b, toNCHW(b, x), extra);
  const channelBias = bias !== undefined && bias.shape.length === 1 && bias.shape[0] === info.outChannels ? bias : null;
  const out = b.op('convolution', '', input, toOIHW(b, filter), channelBias, [info.strideHeight, info.strideWidth], padding, [info.dilationHeight, info.dilationWidth], false, [0, 0], 1);
  const nhwc = toNHWC(b, out);
  return bias !== undefined && channelBias === null ? b.op('add', 'Tensor', nhwc, bias) : nhwc;
}

/** ATen's convolution_backward for one of its gradients: 0 (input) or 1 (weight). */
function convBackward(b: TorchBackend, dy: tf.TensorInfo, input: NativeTensor, weight: NativeTensor, info: tf.backend_util.Conv2DInfo, padding: [number, number], which: 0 | 1): NativeTensor {
  const mask = [which === 0, which === 1, false];
  const grads = b.ops('convolution_backward', '', toNCHW(b, dy), input, weight, null, [info.strideHeight, info.strideWidth], padding, [info.dilationHeight, info.dilationWidth], false, [0, 0], 1, mask);
  return grads[which] as NativeTensor;
}

export const convKernels: tf.KernelConfig[] = [
  torchKernel('Conv2D', ({ inputs: { x, filter }, attrs, backend }) => conv2d(backend, x, filter, attrs as unknown as ConvAttrs), inputDtype('x')),
  torchKernel(
    'FusedConv2D',
    ({ inputs: { x, filter, bias, preluActivationWeights }, attrs, backend }) => {
      const a = attrs as unknown as ConvAttrs;
      const out = conv2d(backend, x, filter, a, bias ?? undefined);
      return applyActivation(backend, out, a.activation, preluActivationWeights ?? undefined, a.leakyreluAlpha);
    },
    inputDtype('x'),
  ),
  torchKernel(
    'Conv2DBackpropInput',
    ({ inputs: { dy, filter }, attrs, backend: b }) => {
      const a = attrs as unknown as ConvAttrs;
      const shape = a.inputShape as number[];
      // tfjs's conv gradients have no dilations.
      const info = convInfo(shape, filter.shape, { ...a, dilations: 1 });
      const { padding, extra } = splitPadding(info.padInfo);
      const [n, h, w, c] = shape;
      const padded = [n, c, h + (extra ? extra[2] + extra[3] : 0), w + (extra ? extra[0] + extra[1] : 0)];
      const input = emptyChannelsLast(b, padded);
      const grad = convBackward(b, dy, input, toOIHW(b, filter), info, padding, 0);
      return toNHWC(b, cropExtra(b, grad, extra, h, w));
    },
    inputDtype('dy'),
  ),
  torchKernel(
    'Conv2DBackpropFilter',
    ({ inputs: { x, dy }, attrs, backend: b }) => {
      const a = attrs as unknown as ConvAttrs;
      const [fh, fw, inC, outC] = a.filterShape as number[];
      const info = convInfo(x.shape, [fh, fw, inC, outC], { ...a, dilations: 1 });
      const { padding, extra } = splitPadding(info.padInfo);
      const weight = emptyChannelsLast(b, [outC, inC, fh, fw]);
      const grad = convBackward(b, dy, padExtra(b, toNCHW(b, x), extra), weight, info, padding, 1);
      return b.op('permute', '', grad, [2, 3, 1, 0]);
    },
    inputDtype('x'),
  ),
];
