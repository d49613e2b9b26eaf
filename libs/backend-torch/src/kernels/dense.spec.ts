import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { DENSE_CASES, denseAgreement, denseCaseLabel } from '../testing/dense-agreement';
import { randomTensor as r } from '../testing/random-tensor';
import { DENSE_KERNELS } from '@mimo/kernels';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

describeTorch('the fused Dense kernels', () => {
  afterAll(() => tf.setBackend('cpu'));

  it.each(DENSE_CASES.map((c) => [denseCaseLabel(c), c] as const))('%s: output and every gradient (shapes checked) within 1e-5 of tfjs ops on cpu', async (_, c) => {
    const agreement = await denseAgreement(c);
    expect(agreement.leakedTensors).toBe(0);
    expect(agreement.worstError).toBeLessThanOrEqual(1e-5);
  });

  it('names an activation it lacks', async () => {
    await tf.setBackend('torch');
    const x = r([2, 4]);
    const kernel = r([4, 3]);
    expect(() => tf.engine().runKernel(DENSE_KERNELS.forward, { x, kernel }, { activation: 'elu' })).toThrow(
      "Dense activation must be one of linear, relu, sigmoid, tanh. Received: 'elu'",
    );
    tf.dispose([x, kernel]);
  });
});
