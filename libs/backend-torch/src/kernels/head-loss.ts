import * as tf from '@tensorflow/tfjs';
import { HEAD_LOSS_KERNELS, HEAD_LOSSES, HeadLossAttrs } from '@mimo/kernels';
import { torchKernel } from './kernel';

// The head loss kernels of @mimo/kernels' contract (HEAD_LOSS_KERNELS): one native call each way (native/head_loss.h).

function checkAttrs(attrs: tf.NamedAttrMap): HeadLossAttrs {
  const { loss, epsilon, atenOps } = attrs as unknown as HeadLossAttrs;
  if (!HEAD_LOSSES.includes(loss)) throw new Error(`torch backend: a head loss must be one of ${HEAD_LOSSES.join(', ')}. Received: '${String(loss)}'`);
  return { loss, epsilon, atenOps: atenOps === true };
}

export const headLossKernels: tf.KernelConfig[] = [
  torchKernel(HEAD_LOSS_KERNELS.forward, ({ inputs: { yTrue, yPred, weights }, attrs, backend }) => {
    const { loss, epsilon, atenOps } = checkAttrs(attrs);
    return backend.headLoss(loss, yTrue, yPred, weights, epsilon, atenOps);
  }),
  torchKernel(HEAD_LOSS_KERNELS.backward, ({ inputs: { yTrue, yPred, weights, dy }, attrs, backend }) => {
    const { loss, epsilon, atenOps } = checkAttrs(attrs);
    return backend.headLossGrad(loss, yTrue, yPred, weights, dy, epsilon, atenOps);
  }),
];
