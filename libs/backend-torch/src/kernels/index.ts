import * as tf from '@tensorflow/tfjs';
import { accumulateKernels } from './accumulate';
import { convKernels } from './conv';
import { createKernels } from './create';
import { denseKernels } from './dense';
import { dropoutKernels } from './dropout';
import { activationGradKernels, binaryKernels } from './elementwise-binary';
import { unaryKernels } from './elementwise-unary';
import { gatherKernels } from './gather';
import { headLossKernels } from './head-loss';
import { matmulKernels } from './matmul';
import { normalizationKernels } from './normalization';
import { optimizerKernels } from './optimizer';
import { poolKernels } from './pool';
import { recurrentKernels } from './recurrent';
import { reductionKernels } from './reduce';
import { shapeKernels } from './shape';

export { TORCH_BACKEND } from './kernel';

/** Every kernel the torch backend runs natively. */
export const TORCH_KERNELS: readonly tf.KernelConfig[] = [
  ...binaryKernels,
  ...activationGradKernels,
  ...unaryKernels,
  ...matmulKernels,
  ...reductionKernels,
  ...shapeKernels,
  ...gatherKernels,
  ...createKernels,
  ...convKernels,
  ...poolKernels,
  ...normalizationKernels,
  ...accumulateKernels,
  ...recurrentKernels,
  ...denseKernels,
  ...optimizerKernels,
  ...dropoutKernels,
  ...headLossKernels,
];
