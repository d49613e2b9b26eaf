import * as tf from '@tensorflow/tfjs';
import { TorchBackend } from '../torch-backend';

/** How much a training loop on the active torch backend grew: tfjs tensors, native tensors and bytes, process memory. */
export interface TrainingDrift {
  tensors: number;
  nativeTensors: number;
  nativeBytes: number;
  rssBytes: number;
}

/** Trains a small two-layer model with Adam for `steps` steps (after 10 warm-up steps) and reports the growth. */
export function trainingDrift(steps: number): TrainingDrift {
  const backend = tf.backend() as TorchBackend;
  const w1 = tf.variable(tf.randomNormal([16, 32], 0, 0.1, 'float32', 1));
  const w2 = tf.variable(tf.randomNormal([32, 1], 0, 0.1, 'float32', 2));
  const optimizer = tf.train.adam(0.01);
  const x = tf.randomNormal([64, 16], 0, 1, 'float32', 3);
  const y = tf.randomNormal([64, 1], 0, 1, 'float32', 4);
  const step = () => optimizer.minimize(() => tf.losses.meanSquaredError(y, tf.relu(x.matMul(w1)).matMul(w2)) as tf.Scalar, false);

  for (let i = 0; i < 10; i++) step();
  const start = { tensors: tf.memory().numTensors, native: backend.memory(), rss: process.memoryUsage().rss };
  for (let i = 0; i < steps; i++) step();
  const end = { tensors: tf.memory().numTensors, native: backend.memory(), rss: process.memoryUsage().rss };
  tf.dispose([w1, w2, x, y]);
  optimizer.dispose();
  return {
    tensors: end.tensors - start.tensors,
    nativeTensors: end.native.numTorchTensors - start.native.numTorchTensors,
    nativeBytes: end.native.numBytesInTorch - start.native.numBytesInTorch,
    rssBytes: end.rss - start.rss,
  };
}
