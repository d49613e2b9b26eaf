import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { ADAM_CASES, adamAgreement, adamCaseLabel, writesInPlace } from '../testing/adam-agreement';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

describeTorch('the fused Adam kernel', () => {
  afterAll(() => tf.setBackend('cpu'));

  it.each(ADAM_CASES.map((c) => [adamCaseLabel(c), c] as const))(
    'matches the Adam formula written with tfjs ops on cpu (every variable, m and v within 1e-6), in place only where nothing else holds them: %s',
    async (_label, c) => {
      const agreement = await adamAgreement(c);
      expect(agreement).toMatchObject({ outputs: writesInPlace(c) ? 0 : 3 * c.shapes.length, sharersKept: true, leakedTensors: 0 });
      expect(agreement.worstError).toBeLessThanOrEqual(1e-6);
    },
  );
});
