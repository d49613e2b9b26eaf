import * as tf from '@tensorflow/tfjs';
import { NativeTensor } from '../native/torch-addon';
import { TorchBackend } from '../torch-backend';
import { applyActivation, FusedActivation } from './activation';
import { inputDtype, torchKernel } from './kernel';

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation?: FusedActivation;
  leakyreluAlpha?: number;
}

/** a·b with tfjs's transposes and broadcast batch dims ([…, m, k] · […, k, n] → […, m, n]). */
function matmul(b: TorchBackend, a: tf.TensorInfo, c: tf.TensorInfo, attrs: MatMulAttrs, bias?: tf.TensorInfo): NativeTensor {
  const left = attrs.transposeA ? b.op('transpose', 'int', a, -1, -2) : a;
  const right = attrs.transposeB ? b.op('transpose', 'int', c, -1, -2) : c;
  // The common 2-D float case in one native product, the bias fused in (native/matmul.h).
  if (a.dtype === 'float32' && a.shape.length === 2 && c.shape.length === 2 && (bias === undefined || bias.dtype === a.dtype)) return b.linear(left, right, bias);
  // CUDA has no integer GEMM: int32 products run in float64, exact for sums below 2⁵³, on every device alike.
  const product = a.dtype === 'int32' ? b.op('matmul', '', b.cast(left, 'float64'), b.cast(right, 'float64')) : b.op('matmul', '', left, right);
  return bias === undefined ? product : b.op('add', 'Tensor', product, bias);
}

export const matmulKernels: tf.KernelConfig[] = [
  torchKernel('BatchMatMul', ({ inputs: { a, b: c }, attrs, backend }) => matmul(backend, a, c, attrs as unknown as MatMulAttrs), inputDtype('a')),
  torchKernel(
    '_FusedMatMul',
    ({ inputs: { a, b: c, bias, preluActivationWeights }, attrs, backend }) => {
      const fused = attrs as unknown as MatMulAttrs;
      const out = matmul(backend, a, c, fused, bias ?? undefined);
      return applyActivation(backend, out, fused.activation, preluActivationWeights ?? undefined, fused.leakyreluAlpha);
    },
    inputDtype('a'),
  ),
];
