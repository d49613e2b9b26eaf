import * as tf from '@tensorflow/tfjs';
import { USER_LOOPS, userLoopTraining } from './user-loop';

describe("a user's loop (the bench's loop:mlp / loop:lstm rows)", () => {
  const stockLoss = tf.losses.sigmoidCrossEntropy;
  it.each(USER_LOOPS)('%s: steps through every slice of its larger tensor, leaking nothing, and leaves tf.losses as it was', async (name) => {
    const training = userLoopTraining(name, 8);
    await training.step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 17; i++) await training.step();
    expect(tf.memory().numTensors).toBe(before);
    training.dispose();
    expect(tf.losses.sigmoidCrossEntropy).toBe(stockLoss);
  });
});
