import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { SCALAR_TYPE, TorchBackend } from '../torch-backend';
import { sharedData, TORCH_BACKEND, torchKernel } from './kernel';

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

/**
 * x > 0 ? 1 : alpha, NaN stays NaN (tfjs's Step, the ReLU gradient). float32 on the cpu: one native pass, unless
 * the attribute `atenOps` (for checks) asks for the ATen form every other device and dtype runs. That avoids
 * `where` and comparisons, which ATen runs several times slower than arithmetic. alpha 0 (the ReLU gradient) on
 * floats: ceil(clamp(x, 0, 1)), NaN passing through both. Otherwise heaviside gives 1 or 0, threshold turns the
 * 0s into alpha, and clamp(x, 0, 0), 0 everywhere but NaN, carries NaN in. Exact: 1 + 0, alpha + 0.
 */
function step(b: TorchBackend, x: tf.TensorInfo, alpha: number, atenOps: boolean): NativeTensor {
  const onePass = atenOps ? null : b.stepCpu(x, alpha);
  if (onePass !== null) return onePass;
  if (alpha === 0 && x.dtype === 'float32') return b.op('ceil', '', b.op('clamp', '', x, 0, 1));
  const zero = b.op('scalar_tensor', '', 0, SCALAR_TYPE[x.dtype as 'float32' | 'int32']);
  const ones = b.op('heaviside', '', x, zero);
  const stepped = alpha === 0 ? ones : b.op('threshold', '', ones, 0, alpha);
  return b.op('add', 'Tensor', stepped, b.op('clamp', '', x, 0, 0));
}

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
  LeakyRelu: (b, x, attrs) => b.op('where', 'self', b.op('lt', 'Scalar', x, 0), b.op('mul', 'Scalar', x, attrs.alpha as number), x),
  ClipByValue: (b, x, attrs) => b.op('clamp', '', x, attrs.clipValueMin as number, attrs.clipValueMax as number),
  Step: (b, x, attrs) => step(b, x, attrs.alpha as number, attrs.atenOps === true),
};

/** Unary kernels that output bool. */
const BOOL_OUTPUT: Record<string, Unary> = {
  IsNan: call('isnan'),
  IsInf: call('isinf'),
  IsFinite: call('isfinite'),
  LogicalNot: call('logical_not'),
};

/** Identity, which the engine runs to keep every tensor a gradient needs, shares the input's data (`sharedData`). */
const identityKernel: tf.KernelConfig = {
  kernelName: 'Identity',
  backendName: TORCH_BACKEND,
  kernelFunc: ({ inputs, backend }) => sharedData(backend as tf.KernelBackend, inputs.x as tf.TensorInfo),
};

export const unaryKernels: tf.KernelConfig[] = [
  identityKernel,
  ...Object.entries(FLOAT_OUTPUT).map(([name, run]) => torchKernel(name, ({ inputs, backend, attrs }) => run(backend, inputs.x, attrs), () => 'float32')),
  ...Object.entries(SAME_DTYPE).map(([name, run]) => torchKernel(name, ({ inputs, backend, attrs }) => run(backend, inputs.x, attrs), ({ inputs }) => inputs.x.dtype)),
  ...Object.entries(BOOL_OUTPUT).map(([name, run]) => torchKernel(name, ({ inputs, backend, attrs }) => run(backend, inputs.x, attrs), () => 'bool')),
];
