import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { TorchBackend } from '../torch-backend';

/** The tfjs backend name the torch kernels register under. */
export const TORCH_BACKEND = 'torch';

/** A kernel's named inputs (variadic kernels such as Concat get them as an array). */
export type KernelInputs = Record<string, tf.TensorInfo>;

/** What a kernel body gets; `attrs` is cast by each kernel to tfjs's `…Attrs` type. */
export interface TorchKernelArgs {
  inputs: KernelInputs;
  attrs: tf.NamedAttrMap;
  backend: TorchBackend;
}

export type TorchKernelBody = (args: TorchKernelArgs) => NativeTensor | NativeTensor[];

/**
 * A tfjs kernel config for the torch backend. The body calls ATen operators; native
 * intermediates are freed when it returns, its result becomes the kernel output, cast to
 * `dtype` when given (else to the tfjs dtype nearest the result's).
 */
export function torchKernel(kernelName: string, body: TorchKernelBody, dtype?: (args: TorchKernelArgs) => tf.DataType): tf.KernelConfig {
  return {
    kernelName,
    backendName: TORCH_BACKEND,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const args: TorchKernelArgs = { inputs: inputs as KernelInputs, attrs: attrs ?? {}, backend: backend as TorchBackend };
      return args.backend.execute(() => body(args), dtype?.(args));
    },
  };
}

/**
 * `x`'s data under another TensorInfo, shared as tfjs's cpu backend shares it: tfjs tensors are immutable and no
 * torch kernel writes in place. For kernels that leave the data as it is (Identity, a reshape to the same shape, a
 * cast to the same dtype), which would otherwise pay a native call for nothing.
 */
export function sharedData(backend: tf.KernelBackend, x: tf.TensorInfo): tf.TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

/** `config`, whose input `x`'s data is shared instead (`sharedData`) when `unchanged(x, attrs)`. */
export function sharingUnchanged(config: tf.KernelConfig, unchanged: (x: tf.TensorInfo, attrs: tf.NamedAttrMap) => boolean): tf.KernelConfig {
  return {
    ...config,
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      return unchanged(x, args.attrs ?? {}) ? sharedData(args.backend as tf.KernelBackend, x) : config.kernelFunc(args);
    },
  };
}

/** Sorted, non-negative axes of `axis` (all axes when `axis` is null or undefined). */
export function axesOf(axis: number | number[] | null | undefined, rank: number): number[] {
  const all = Array.from({ length: rank }, (_, i) => i);
  return axis == null ? all : tf.util.parseAxisParam(axis, all).sort((a, b) => a - b);
}

/** The tfjs dtype of the kernel's input `name`. */
export function inputDtype(name: string): (args: TorchKernelArgs) => tf.DataType {
  return ({ inputs }) => inputs[name].dtype;
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
