// Mimo from an ES module: named imports from every package, and the user's @tensorflow/tfjs is Mimo's (a peer
// dependency, one instance). Usage: node esm-consumer.mjs
import * as tf from '@tensorflow/tfjs';
import { appDecoderFactory } from '@mimo/app-kit';
import { initBackend } from '@mimo/backend';
import { TORCH_BACKEND } from '@mimo/backend-torch';
import { buildModel, parseModelSpec, randomInputs } from '@mimo/core';
import { TablePreprocessor } from '@mimo/data';
import { DENSE_KERNELS } from '@mimo/kernels';
import { createServeApp } from '@mimo/serve';

for (const [name, value] of Object.entries({ appDecoderFactory, initBackend, TORCH_BACKEND, buildModel, TablePreprocessor, DENSE_KERNELS, createServeApp })) {
  if (value === undefined) throw new Error(`named import ${name} is undefined`);
}

const choice = await initBackend({ backend: process.env.MIMO_BACKEND ?? 'torch' });
// initBackend switched the backend of the tfjs instance imported above: Mimo's tfjs is this one.
if (tf.getBackend() !== choice.tfjsBackend) throw new Error(`tf.getBackend() is ${tf.getBackend()}, Mimo chose ${choice.tfjsBackend}`);

const spec = parseModelSpec({
  name: 'esm_two_inputs',
  inputs: {
    labs: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [8] } },
    notes: { kind: 'tokens', vocabSize: 50, maxLength: 6, encoder: { type: 'text', embeddingDim: 4, rnn: 'lstm', units: [4] } },
  },
  heads: { outcome: { type: 'binary' } },
  seed: 3,
});
const model = buildModel(spec);
const xs = randomInputs(spec, 2);
const output = model.predict(model.inputNames.map((name) => xs[name]));
console.log(JSON.stringify({ backend: tf.getBackend(), shape: output.shape, parameters: model.countParams() }));
