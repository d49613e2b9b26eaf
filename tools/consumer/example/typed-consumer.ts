// Mimo from TypeScript in strict mode, type-checked against the published .d.ts files only (the consumer test runs
// `tsc --noEmit` on it). The @ts-expect-error lines prove the types are real: each must be an error.
import * as tf from '@tensorflow/tfjs';
import { BackendChoice, initBackend } from '@mimo/backend';
import { Bundle, buildModel, installFusedLosses, loadBundle, losses, ModelSpec, parseModelSpec, saveBundle, Trainer, TrainerConfigInput } from '@mimo/core';
import { readTable, TablePreprocessor, TableSchemaInput } from '@mimo/data';
import { loadServedModel, ServedModel, startServer } from '@mimo/serve';

const schema: TableSchemaInput = {
  columns: {
    age: { type: 'numeric', input: 'labs' },
    ward: { type: 'categorical' },
    outcome: { type: 'label', task: 'binary', positive: 'died' },
  },
};

// @ts-expect-error a column type Mimo does not have
const wrongSchema: TableSchemaInput = { columns: { age: { type: 'decimal' } } };

const config: TrainerConfigInput = { epochs: 2, batchSize: 8, optimizer: { type: 'adam', learningRate: 0.01 } };
// @ts-expect-error epochs is a number
const wrongConfig: TrainerConfigInput = { epochs: 'two' };

/** A loop of one's own takes Mimo's twin of tf.losses.sigmoidCrossEntropy: a scalar, as tfjs's gives. */
export function loopLoss(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return losses.sigmoidCrossEntropy(labels, logits);
}
// @ts-expect-error Mimo's losses have no hinge loss
export const hinge = losses.hingeLoss;

/** Or tf.losses itself made to run them, until the returned function puts tfjs's back. */
export function fuseTfLosses(): () => void {
  // @ts-expect-error installFusedLosses takes no options
  installFusedLosses({ only: ['meanSquaredError'] });
  return installFusedLosses();
}

export async function trainAndServe(csv: string, dir: string): Promise<number[][]> {
  const backend: BackendChoice = await initBackend({ backend: 'torch' });
  const table = await readTable(csv, schema);
  const preprocessor = await TablePreprocessor.create(schema).fit(table.data);
  const inputs = preprocessor.inputSpecs();
  const spec: ModelSpec = parseModelSpec({
    name: 'typed',
    inputs: { labs: { ...inputs.labs, encoder: { type: 'dense', units: [4] } }, ward: { ...inputs.ward, encoder: { type: 'embedding', embeddingDim: 2 } } },
    heads: preprocessor.headShapes(),
  });
  const { xs, ys } = await preprocessor.transform(table.data);
  const trainer = new Trainer(buildModel(spec), spec, config);
  const { history } = await trainer.fit({ xs, ys });
  const finalLoss: number | undefined = history.loss.at(-1);
  await saveBundle(dir, { model: trainer.model, spec, preprocessing: preprocessor.toJSON() });
  const bundle: Bundle = await loadBundle(dir);
  const served: ServedModel = await loadServedModel(dir);
  const server = await startServer({ models: [served], port: 0 });
  await server.close();
  const output = bundle.model.predict(bundle.model.inputNames.map((name) => xs[name])) as tf.Tensor;
  console.log(backend.name, finalLoss, wrongSchema, wrongConfig);
  return output.arraySync() as number[][];
}
