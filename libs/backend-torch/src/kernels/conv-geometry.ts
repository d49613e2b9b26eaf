import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { TorchBackend } from '../torch-backend';

type Native = NativeTensor | tf.TensorInfo;

/** Padding of a 2-D window op, from tfjs's conv / pool info. */
export interface PadInfo {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * How to pad for ATen, which pads symmetrically: `padding` for the op itself, and `extra`
 * (left, right, top, bottom) to apply first with constant_pad_nd when tfjs's padding is
 * asymmetric ('same' with an even window) or larger than `maxSymmetric`.
 */
export function splitPadding(pad: PadInfo, maxSymmetric: [number, number] = [Infinity, Infinity]): { padding: [number, number]; extra: number[] | undefined } {
  const symmetric = pad.top === pad.bottom && pad.left === pad.right && pad.top <= maxSymmetric[0] && pad.left <= maxSymmetric[1];
  if (symmetric) return { padding: [pad.top, pad.left], extra: undefined };
  return { padding: [0, 0], extra: [pad.left, pad.right, pad.top, pad.bottom] };
}

/** NHWC → NCHW (a view: the memory stays NHWC, which ATen treats as channels-last). */
export function toNCHW(b: TorchBackend, x: Native): NativeTensor {
  return b.op('permute', '', x, [0, 3, 1, 2]);
}

export function toNHWC(b: TorchBackend, x: Native): NativeTensor {
  return b.op('permute', '', x, [0, 2, 3, 1]);
}

/** Pads an NCHW tensor by `extra` (left, right, top, bottom) with `value`, or returns it. */
export function padExtra(b: TorchBackend, x: NativeTensor, extra: number[] | undefined, value = 0): NativeTensor {
  return extra === undefined ? x : b.op('constant_pad_nd', '', x, extra, value);
}

/** Cuts `extra` padding back off an NCHW gradient. */
export function cropExtra(b: TorchBackend, x: NativeTensor, extra: number[] | undefined, height: number, width: number): NativeTensor {
  if (extra === undefined) return x;
  const rows = b.op('slice', 'Tensor', x, 2, extra[2], extra[2] + height, 1);
  return b.op('slice', 'Tensor', rows, 3, extra[0], extra[0] + width, 1);
}

/** tfjs's 'NHWC' | 'NCHW' as the conv-info data format; only NHWC runs natively. */
export function channelsLast(dataFormat: string | undefined): 'channelsLast' {
  if (dataFormat !== undefined && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(`torch backend: data format ${dataFormat} is not implemented (NHWC only)`);
  }
  return 'channelsLast';
}
