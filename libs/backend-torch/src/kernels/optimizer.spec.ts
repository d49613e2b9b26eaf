import * as tf from '@tensorflow/tfjs';
import { ADAM_UPDATE_KERNEL, adamUpdateInputs } from '@mimo/kernels';
import { registerTorchBackend } from '../register-torch';
import { ADAM_CASES, adamAgreement, adamCaseLabel, expectedAdamOutputs } from '../testing/adam-agreement';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;
const device = status.available ? status.info.device : 'none';

describeTorch('the fused Adam kernel', () => {
  afterAll(() => tf.setBackend('cpu'));

  it.each(ADAM_CASES.map((c) => [adamCaseLabel(c), c] as const))(
    'matches the Adam formula written with tfjs ops on cpu (every variable, m and v within 1e-6), in place only where nothing else holds them: %s',
    async (_label, c) => {
      const agreement = await adamAgreement(c);
      expect(agreement).toMatchObject({ outputs: expectedAdamOutputs(c, device), sharersKept: true, leakedTensors: 0 });
      expect(agreement.worstError).toBeLessThanOrEqual(1e-6);
    },
  );

  it('updates out of place when one variable is listed twice: each update from its old value, as the stock ops do', async () => {
    await tf.setBackend('torch');
    const [w, g] = [tf.tensor1d([1, 2, 3]), tf.tensor1d([0.5, -0.5, 1])];
    const slots = [0, 1].map(() => ({ m: tf.zeros([3]), v: tf.zeros([3]) }));
    const inputs = adamUpdateInputs(slots.map((moments) => ({ variable: w, gradient: g, ...moments })), tf.scalar(1, 'int32'));
    const updated = tf.engine().runKernel(ADAM_UPDATE_KERNEL, inputs, { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, learningRate: 0.1 }) as unknown as tf.Tensor[];
    expect(updated).toHaveLength(6);
    expect(Array.from(updated[3].dataSync())).toEqual(Array.from(updated[0].dataSync()));
    expect(Array.from(w.dataSync())).toEqual([1, 2, 3]);
    tf.dispose([w, g, ...slots.flatMap(({ m, v }) => [m, v]), ...Object.values(inputs), ...updated]);
  });
});
