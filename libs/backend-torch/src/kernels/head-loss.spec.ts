import * as tf from '@tensorflow/tfjs';
import { HEAD_LOSS_KERNELS } from '@mimo/kernels';
import { registerTorchBackend } from '../register-torch';
import { HEAD_LOSS_CASES, headLossAgreement, headLossCaseLabel } from '../testing/head-loss-agreement';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

describeTorch('the head loss kernels', () => {
  afterAll(() => tf.setBackend('cpu'));

  it.each(HEAD_LOSS_CASES.map((c) => [headLossCaseLabel(c), c] as const))(
    'give the stock loss and its gradient (within 1e-5), no tensor left behind: %s',
    async (_label, c) => {
      const agreement = await headLossAgreement(c);
      expect(agreement.worstError).toBeLessThanOrEqual(1e-5);
      expect(agreement.leakedTensors).toBe(0);
    },
  );

  it('names an unknown loss', async () => {
    await tf.setBackend('torch');
    const y = tf.zeros([2, 1]);
    expect(() => tf.engine().runKernel(HEAD_LOSS_KERNELS.forward, { yTrue: y, yPred: y }, { loss: 'hinge', epsilon: 1e-7 })).toThrow(
      "torch backend: a head loss must be one of binaryCrossentropy, categoricalCrossentropy, meanSquaredError, meanAbsoluteError, sigmoidCrossEntropy, softmaxCrossEntropy. Received: 'hinge'",
    );
    y.dispose();
  });
});
