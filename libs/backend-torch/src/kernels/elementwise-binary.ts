import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { TorchBackend } from '../torch-backend';
import { prelu } from './activation';
import { inputDtype, torchKernel } from './kernel';

type Binary = (b: TorchBackend, a: tf.TensorInfo, c: tf.TensorInfo) => NativeTensor;

const call =
  (name: string, overload = 'Tensor'): Binary =>
  (b, a, c) =>
    b.op(name, overload, a, c);

/** Binary kernels with broadcasting whose output has the inputs' dtype; tfjs kernel name → ATen. */
const SAME_DTYPE: Record<string, Binary> = {
  Add: call('add'),
  Sub: call('sub'),
  Multiply: call('mul'),
  RealDiv: call('div'),
  Maximum: call('maximum', ''),
  Minimum: call('minimum', ''),
  Pow: call('pow', 'Tensor_Tensor'),
  Mod: call('remainder'),
  Atan2: call('atan2', ''),
  SquaredDifference: (b, a, c) => b.op('square', '', b.op('sub', 'Tensor', a, c)),
  Prelu: (b, x, alpha) => prelu(b, x, alpha),
};

/** Binary kernels that output bool. */
const BOOL_OUTPUT: Record<string, Binary> = {
  Equal: call('eq'),
  NotEqual: call('ne'),
  Less: call('lt'),
  LessEqual: call('le'),
  Greater: call('gt'),
  GreaterEqual: call('ge'),
  LogicalAnd: call('logical_and', ''),
  LogicalOr: call('logical_or', ''),
};

export const binaryKernels: tf.KernelConfig[] = [
  // tfjs's FloorDiv outputs int32 whatever its inputs.
  torchKernel('FloorDiv', ({ inputs: { a, b: c }, backend }) => backend.op('div', 'Tensor_mode', a, c, 'floor'), () => 'int32'),
  ...Object.entries(SAME_DTYPE).map(([name, run]) =>
    torchKernel(name, ({ inputs, backend }) => run(backend, inputs.a ?? inputs.x, inputs.b ?? inputs.alpha), ({ inputs }) => (inputs.a ?? inputs.x).dtype),
  ),
  ...Object.entries(BOOL_OUTPUT).map(([name, run]) => torchKernel(name, ({ inputs, backend }) => run(backend, inputs.a, inputs.b), () => 'bool')),
];

/** Gradient kernels of activations, written as binary kernels (dy and the forward output). */
export const activationGradKernels: tf.KernelConfig[] = [
  // dy · (y < 0 ? y + 1 : 1)
  torchKernel('EluGrad', ({ inputs: { dy, y }, backend: b }) =>
    b.op('mul', 'Tensor', dy, b.op('where', 'ScalarOther', b.op('lt', 'Scalar', y, 0), b.op('add', 'Scalar', y, 1), 1)),
  inputDtype('dy')),
];
