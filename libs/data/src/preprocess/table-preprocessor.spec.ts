import * as tf from '@tensorflow/tfjs';
import { buildModel, compileModel, InputKind, loadBundle, ModelSpecInput, parseModelSpec, saveBundle } from '@mimo/core';
import * as path from 'path';
import { readTable } from '../tabular/read-table';
import { TableSchemaInput } from '../tabular/table-schema';
import { useTempDir, writeImage, writeText } from '../testing/fixtures';
import { UNKNOWN_ID } from './categorical-preprocessor';
import { TablePreprocessor } from './table-preprocessor';

const dir = useTempDir();

const schema: TableSchemaInput = {
  columns: {
    visit: { type: 'time' },
    age: { type: 'numeric', input: 'labs' },
    crp: { type: 'numeric', input: 'labs', missing: 'indicator' },
    ward: { type: 'categorical' },
    note: { type: 'text', maxLength: 6, sentiment: { input: 'mood', lexicon: 'afinn' } },
    xray: { type: 'image', fit: 'fill', height: 4, width: 4 },
    outcome: { type: 'label', task: 'binary', positive: 'died' },
    severity: { type: 'label', task: 'multiclass' },
  },
};

const encoders: Record<InputKind, ModelSpecInput['inputs'][string]['encoder']> = {
  numeric: { type: 'dense', units: [4] },
  categorical: { type: 'embedding', embeddingDim: 2 },
  tokens: { type: 'text', embeddingDim: 4, rnn: 'none' },
  'token-groups': { type: 'hierarchical-text', embeddingDim: 4, units: 4 },
  image: { type: 'cnn', filters: [2] },
  sequence: { type: 'time-series' },
};

async function writeTable(): Promise<string> {
  await writeImage(path.join(dir(), 'img', 'a.png'), { width: 6, height: 6, rgb: [10, 10, 10] });
  await writeImage(path.join(dir(), 'img', 'b.jpg'), { width: 8, height: 4, rgb: [200, 200, 200], format: 'jpeg' });
  return writeText(
    dir(),
    'patients.csv',
    [
      'id,visit,age,crp,ward,note,xray,outcome,severity',
      'p1,2020-01-01,40,5,A,good recovery,img/a.png,lived,low',
      'p2,2020-01-02,60,,B,bad night,img/b.jpg,died,high',
      'p3,2020-01-03,50,15,A,"stable, good",img/a.png,lived,mid',
      'p4,2020-01-04,70,25,C,terrible pain,img/b.jpg,died,high',
    ].join('\n'),
  );
}

describe('TablePreprocessor', () => {
  it('maps a schema to named inputs and heads that feed buildModel, and round-trips through a bundle', async () => {
    const table = await readTable(await writeTable(), schema);
    const preprocessor = await TablePreprocessor.create(schema).fit(table.data.slice(0, 3));
    expect(Object.keys(preprocessor.inputs)).toEqual(['labs', 'ward', 'note', 'mood', 'xray']);
    expect(preprocessor.inputSpecs()).toEqual({
      labs: { kind: 'numeric', size: 3 },
      ward: { kind: 'categorical', vocabSize: 3, length: 1 },
      note: { kind: 'tokens', vocabSize: 7, maxLength: 6 }, // good, recovery, bad, night, stable + PAD, OOV
      mood: { kind: 'numeric', size: 4 },
      xray: { kind: 'image', height: 4, width: 4, channels: 1 },
    });
    expect(preprocessor.headShapes()).toEqual({ outcome: { type: 'binary' }, severity: { type: 'multiclass', classes: 3 } });

    const batch = await preprocessor.transform(table.data.slice(0, 3));
    expect(Object.fromEntries(Object.entries(batch.xs).map(([k, t]) => [k, [t.shape, t.dtype]]))).toEqual({
      labs: [[3, 3], 'float32'],
      ward: [[3, 1], 'int32'],
      note: [[3, 6], 'int32'],
      mood: [[3, 4], 'float32'],
      xray: [[3, 4, 4, 1], 'float32'],
    });
    expect(batch.ys.outcome.arraySync()).toEqual([[0], [1], [0]]);
    expect(batch.ys.severity.arraySync()).toEqual([[0, 1, 0], [1, 0, 0], [0, 0, 1]]);

    const spec = parseModelSpec({
      name: 'patients',
      inputs: Object.fromEntries(Object.entries(preprocessor.inputSpecs()).map(([name, input]) => [name, { ...input, encoder: encoders[input.kind] }])),
      heads: preprocessor.headShapes(),
      seed: 3,
    });
    const model = buildModel(spec);
    expect(model.inputNames).toEqual(Object.keys(batch.xs));
    compileModel(model, spec);
    await model.fit(batch.xs, batch.ys, { epochs: 1, batchSize: 3, verbose: 0 });

    const bundle = path.join(dir(), 'bundle');
    await saveBundle(bundle, { model, spec, preprocessing: preprocessor.toJSON() });
    const loaded = await loadBundle(bundle);
    const serving = TablePreprocessor.fromJSON(loaded.preprocessing);
    // A serving request: JSON values, paths relative to its own folder, no labels.
    const request = serving.parseRecords([{ visit: '2020-01-04', age: 70, crp: 25, ward: 'C', note: 'terrible pain', xray: 'img/b.jpg' }], { baseDir: dir() });
    const served = await serving.transform(request, { labels: false });
    const trained = await preprocessor.transform(table.data.slice(3), { labels: false });
    expect(served.ys).toEqual({});
    for (const name of Object.keys(trained.xs)) expect(served.xs[name].arraySync()).toEqual(trained.xs[name].arraySync());
    expect(served.xs.ward.arraySync()).toEqual([[UNKNOWN_ID]]); // ward C was not in the training rows
    // predict takes inputs in model order (it has no dict form); fit does take the dict.
    const predict = (m: tf.LayersModel, xs: Record<string, tf.Tensor>) => (m.predict(m.inputNames.map((n) => xs[n])) as tf.Tensor[]).map((t) => t.arraySync());
    expect(predict(loaded.model, served.xs)).toEqual(predict(model, trained.xs));
  });

  it("is an error at serving time for an unknown category where the policy is 'error'", async () => {
    const strict = TablePreprocessor.create({ columns: { ward: { type: 'categorical', unknown: 'error' } } });
    await strict.fit([{ ward: 'A' }, { ward: 'B' }]);
    const served = TablePreprocessor.fromJSON(JSON.parse(JSON.stringify(strict.toJSON())));
    const rows = served.parseRecords([{ ward: 'A' }, { ward: 'Z' }]);
    await expect(served.transform(rows)).rejects.toThrow('row 2: column "ward": expected a category seen in training ("A", "B"), received "Z"');
    expect(() => served.parseRecords([{ ward: '' }])).toThrow('request: row 1: column "ward": expected a category, received a missing value ("")');
  });

  it('streams batches and leaks no tensor when a row is bad', async () => {
    const p = await TablePreprocessor.create({ columns: { x: { type: 'numeric' }, y: { type: 'label', task: 'regression' } } }).fit([{ x: 1, y: 2 }, { x: 3, y: 4 }]);
    const sizes: number[] = [];
    for await (const batch of p.batches([{ x: 1, y: 1 }, { x: 2, y: 2 }, { x: 3, y: 3 }], { batchSize: 2 })) {
      sizes.push(batch.xs.x.shape[0]);
      tf.dispose([...Object.values(batch.xs), ...Object.values(batch.ys)]);
    }
    expect(sizes).toEqual([2, 1]);
    const before = tf.memory().numTensors;
    await expect(p.transform([{ x: 1, y: null }])).rejects.toThrow('row 1: column "y": expected a finite number, received a missing value');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a schema whose columns cannot share an input, and a preprocessing.json without a state', () => {
    expect(() => TablePreprocessor.create({ columns: { a: { type: 'numeric', input: 'x' }, b: { type: 'text', input: 'x' } } })).toThrow(
      'Invalid table schema: input or head "x" is fed by numeric columns and by text column "b"; expected one kind of column per input (only numeric or categorical columns stack)',
    );
    expect(() => TablePreprocessor.create({ columns: { 'concave points': { type: 'numeric' } } })).toThrow(
      'Invalid table schema: numeric columns would feed "concave points", which is not a name of letters, digits and _ that starts with a letter; set its input (or head)',
    );
    expect(() => TablePreprocessor.create({ columns: { a: { type: 'numeric' } } }).toJSON()).toThrow('NumericPreprocessor of "a" is not fitted');
    expect(() =>
      TablePreprocessor.fromJSON({ format: 'mimo.preprocessing', version: 1, schema: { columns: { a: { type: 'numeric' } } }, state: { inputs: {}, heads: {} } }),
    ).toThrow('Invalid preprocessing.json: state.inputs has no "a"; expected a state for every input of the schema');
    expect(() => TablePreprocessor.fromJSON({ format: 'other' })).toThrow('Invalid preprocessing.json:');
  });
});
