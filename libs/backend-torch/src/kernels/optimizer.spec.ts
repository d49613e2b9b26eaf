import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { ADAM_CASES, adamAgreement } from '../testing/adam-agreement';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

describeTorch('the fused Adam kernel', () => {
  afterAll(() => tf.setBackend('cpu'));

  it.each(ADAM_CASES.map((c) => [c.shape, c.atenOps, c] as const))(
    'matches the Adam formula written with tfjs ops on cpu (variable, m and v within 1e-6): shape %j, atenOps %s',
    async (_shape, _atenOps, c) => {
      const agreement = await adamAgreement(c);
      expect(agreement).toMatchObject({ outputs: 3, leakedTensors: 0 });
      expect(agreement.worstError).toBeLessThanOrEqual(1e-6);
    },
  );
});
