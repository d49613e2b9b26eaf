import * as tf from '@tensorflow/tfjs';
import { FusedDense, FusedGRU, FusedLSTM } from '@mimo/core';

/** The throughput models (the three plus a GRU; batch 64, adam), with tools/bench/src/pytorch_bench.py as their PyTorch twins. */
export const BENCH_MODELS = ['mlp', 'cnn', 'lstm', 'gru'] as const;
export type BenchModelName = (typeof BENCH_MODELS)[number];

export interface BenchModel {
  model: tf.LayersModel;
  x: tf.Tensor;
  y: tf.Tensor;
  /** The minimised loss: mean squared error, or categorical cross-entropy for the CNN. */
  loss: (y: tf.Tensor, predictions: tf.Tensor) => tf.Scalar;
  /** One line: the architecture. */
  description: string;
}

/** Builds one bench model with a random batch of `batchSize` examples. */
export function buildBenchModel(name: BenchModelName, batchSize: number): BenchModel {
  const seed = { kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) };
  const model = tf.sequential();
  let x: tf.Tensor;
  let y: tf.Tensor;
  let description: string;
  if (name === 'mlp') {
    model.add(new FusedDense({ inputShape: [64], units: 256, activation: 'relu', ...seed }));
    model.add(new FusedDense({ units: 256, activation: 'relu', ...seed }));
    model.add(new FusedDense({ units: 1, ...seed }));
    x = tf.randomNormal([batchSize, 64], 0, 1, 'float32', 1);
    y = tf.randomNormal([batchSize, 1], 0, 1, 'float32', 2);
    description = 'MLP 64→256→256→1, MSE';
  } else if (name === 'cnn') {
    model.add(tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, activation: 'relu', ...seed }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', ...seed }));
    model.add(tf.layers.flatten());
    model.add(new FusedDense({ units: 10, activation: 'softmax', ...seed }));
    x = tf.randomNormal([batchSize, 32, 32, 3], 0, 1, 'float32', 1);
    y = tf.oneHot(tf.randomUniform([batchSize], 0, 10, 'int32', 2), 10);
    description = 'CNN 32×32×3: conv 32 → max pool → conv 64 → dense 10, cross-entropy';
  } else {
    // Mimo's LSTM / GRU: tfjs-layers' layers, run as whole-sequence kernels on torch. Sigmoid gates, and the GRU's
    // reset gate after its recurrent product (Keras's reset_after), as PyTorch's twins compute (tfjs-layers' default is
    // hard-sigmoid, reset before).
    const args = { inputShape: [50, 16], units: 64, recurrentActivation: 'sigmoid' as const, ...seed };
    model.add(name === 'lstm' ? new FusedLSTM(args) : new FusedGRU({ ...args, resetAfter: true }));
    model.add(new FusedDense({ units: 1, ...seed }));
    x = tf.randomNormal([batchSize, 50, 16], 0, 1, 'float32', 1);
    y = tf.randomNormal([batchSize, 1], 0, 1, 'float32', 2);
    description = `${name.toUpperCase()}(64) over 50 steps × 16 features → dense 1, MSE`;
  }
  const loss = name === 'cnn' ? (t: tf.Tensor, p: tf.Tensor) => tf.mean(tf.metrics.categoricalCrossentropy(t, p)) as tf.Scalar : (t: tf.Tensor, p: tf.Tensor) => tf.losses.meanSquaredError(t, p) as tf.Scalar;
  return { model, x, y, loss, description };
}
