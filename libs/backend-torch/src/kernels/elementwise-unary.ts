import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { TorchBackend } from '../torch-backend';
import { torchKernel } from './kernel';

type Unary = (b: TorchBackend, x: tf.TensorInfo, attrs: tf.NamedAttrMap) => NativeTensor;

const call =
  (name: string): Unary =>
  (b, x) =>
    b.op(name, '', x);

/** Unary kernels computed in float32 (tfjs's output dtype for these is float32). */
const FLOAT_OUTPUT: Record<string, Unary> = {
  Exp: call('exp'),
  Expm1: call('expm1'),
  Log: call('log'),
  Log1p: call('log1p'),
  Sqrt: call('sqrt'),
  Rsqrt: call('rsqrt'),
  Reciprocal: call('reciprocal'),
  Tanh: call('tanh'),
  Sigmoid: call('sigmoid'),
  Softplus: call('softplus'),
  Elu: call('elu'),
  Selu: call('selu'),
  Erf: call('erf'),
  Sin: call('sin'),
  Cos: call('cos'),
  Tan: call('tan'),
  Asin: call('asin'),
  Acos: call('acos'),
  Atan: call('atan'),
  Sinh: call('sinh'),
  Cosh: call('cosh'),
  Asinh: call('asinh'),
  Acosh: call('acosh'),
  Atanh: call('atanh'),
};

/** Unary kernels whose output keeps the input's dtype. */
const SAME_DTYPE: Record<string, Unary> = {
  Neg: call('neg'),
  Abs: call('abs'),
  Square: call('square'),
  Sign: call('sign'),
  Ceil: call('ceil'),
  Floor: call('floor'),
  Round: call('round'),
  Relu: call('relu'),
  Relu6: (b, x) => b.op('clamp', '', x, 0, 6),
  Identity: (b, x) => b.op('clone', '', x),
  LeakyRelu: (b, x, attrs) => b.op('where', 'self', b.op('lt', 'Scalar', x, 0), b.op('mul', 'Scalar', x, attrs.alpha as number), x),
  ClipByValue: (b, x, attrs) => b.op('clamp', '', x, attrs.clipValueMin as number, attrs.clipValueMax as number),
  // x > 0 ? 1 : alpha, NaN stays NaN.
  Step: (b, x, attrs) =>
    b.op('where', 'self', b.op('isnan', '', x), x, b.op('where', 'Scalar', b.op('gt', 'Scalar', x, 0), 1, attrs.alpha as number)),
};

/** Unary kernels that output bool. */
const BOOL_OUTPUT: Record<string, Unary> = {
  IsNan: call('isnan'),
  IsInf: call('isinf'),
  IsFinite: call('isfinite'),
  LogicalNot: call('logical_not'),
};

export const unaryKernels: tf.KernelConfig[] = [
  ...Object.entries(FLOAT_OUTPUT).map(([name, run]) => torchKernel(name, ({ inputs, backend, attrs }) => run(backend, inputs.x, attrs), () => 'float32')),
  ...Object.entries(SAME_DTYPE).map(([name, run]) => torchKernel(name, ({ inputs, backend, attrs }) => run(backend, inputs.x, attrs), ({ inputs }) => inputs.x.dtype)),
  ...Object.entries(BOOL_OUTPUT).map(([name, run]) => torchKernel(name, ({ inputs, backend, attrs }) => run(backend, inputs.x, attrs), () => 'bool')),
];
