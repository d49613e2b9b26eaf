// Mimo from an npm project of your own, in plain CommonJS: a CSV with two inputs → a two-input model trained with
// the Trainer → a saved bundle → served over HTTP. docs/using-the-libraries.md walks through it; the consumer test
// (tools/consumer) runs it from the packed tarballs. Usage: node train-and-serve.cjs [workDir]
const { mkdirSync, writeFileSync } = require('fs');
const path = require('path');
const { initBackend, describeBackend } = require('@mimo/backend');
const { buildModel, loadBundle, parseModelSpec, saveBundle, Trainer } = require('@mimo/core');
const { readTable, TablePreprocessor } = require('@mimo/data');
const { loadServedModel, startServer } = require('@mimo/serve');

const workDir = path.resolve(process.argv[2] ?? 'mimo-example');

/** 200 patients: the outcome depends on both inputs (the labs and the ward), so the model has a signal to learn. */
function writePatients(file) {
  const lines = ['age,crp,ward,outcome'];
  for (let i = 0; i < 200; i++) {
    const age = 20 + ((i * 37) % 60);
    const crp = (i * 53) % 40;
    const ward = ['A', 'B', 'C'][i % 3];
    const risk = (age - 50) / 15 + (crp - 20) / 10 + (ward === 'C' ? 1.5 : 0);
    lines.push(`${age},${crp},${ward},${risk > 0.5 ? 'died' : 'lived'}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const schema = {
  columns: {
    age: { type: 'numeric', input: 'labs' },
    crp: { type: 'numeric', input: 'labs' },
    ward: { type: 'categorical' },
    outcome: { type: 'label', task: 'binary', positive: 'died' },
  },
};

async function main() {
  console.log(describeBackend(await initBackend({ backend: process.env.MIMO_BACKEND ?? 'torch' })));
  mkdirSync(workDir, { recursive: true });
  const csv = path.join(workDir, 'patients.csv');
  writePatients(csv);

  // Data: read the CSV, fit the preprocessing on it, turn rows into named tensors.
  const table = await readTable(csv, schema);
  const preprocessor = await TablePreprocessor.create(schema).fit(table.data);
  const { xs, ys } = await preprocessor.transform(table.data);

  // Model: one encoder per input, concatenated, one binary head.
  const inputs = preprocessor.inputSpecs();
  const spec = parseModelSpec({
    name: 'ward_outcome',
    inputs: {
      labs: { ...inputs.labs, encoder: { type: 'dense', units: [16] } },
      ward: { ...inputs.ward, encoder: { type: 'embedding', embeddingDim: 4 } },
    },
    heads: preprocessor.headShapes(),
    seed: 7,
  });
  const trainer = new Trainer(buildModel(spec), spec, { epochs: 40, batchSize: 32, optimizer: { type: 'adam', learningRate: 0.02 }, metrics: { outcome: ['accuracy'] } });
  const { history } = await trainer.fit({ xs, ys });
  const accuracy = history.outcome_accuracy.at(-1);
  console.log(`trained ${history.loss.length} epochs: loss ${history.loss.at(-1).toFixed(4)}, accuracy ${accuracy.toFixed(3)}`);

  // Bundle: saved atomically, then loaded back (the model, its spec, the fitted preprocessing, and a card whose
  // class names the server answers with).
  const bundleDir = path.join(workDir, 'ward_outcome');
  await saveBundle(bundleDir, { model: trainer.model, spec, preprocessing: preprocessor.toJSON(), card: { classes: preprocessor.headClasses() } });
  const bundle = await loadBundle(bundleDir);
  console.log(`reloaded ${bundle.spec.name}: inputs ${bundle.model.inputNames.join(', ')}`);

  // Serving: the bundle over HTTP; a raw record goes through the same preprocessing.
  const server = await startServer({ models: [await loadServedModel(bundleDir)], port: 0, apiToken: '' });
  try {
    const response = await fetch(`${server.url}/v1/models/ward_outcome:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ records: [{ age: 75, crp: 35, ward: 'C' }, { age: 25, crp: 2, ward: 'A' }] }),
    });
    const body = await response.json();
    console.log(`HTTP ${response.status}: ${JSON.stringify(body)}`);
    if (response.status !== 200) process.exitCode = 1;
  } finally {
    await server.close();
  }
  console.log(JSON.stringify({ accuracy, bundle: bundleDir }));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
