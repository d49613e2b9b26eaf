import { modelSpecJsonSchema, ModelSpecError, ModelSpecInput, parseModelSpec } from './model-spec';

const valid: ModelSpecInput = {
  name: 'tiny',
  inputs: {
    labs: { kind: 'numeric', size: 3, encoder: { type: 'dense' } },
    site: { kind: 'categorical', vocabSize: 4, encoder: { type: 'embedding' } },
  },
  heads: { outcome: { type: 'binary' } },
};

function problemsOf(raw: unknown): string[] {
  try {
    parseModelSpec(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelSpecError);
    return (error as ModelSpecError).problems;
  }
  throw new Error('expected the spec to be rejected');
}

describe('parseModelSpec', () => {
  it('fills in every documented default', () => {
    const spec = parseModelSpec(valid);
    expect(spec.fusion).toEqual({ type: 'concat', units: [], activation: 'relu', dropout: 0, batchNorm: false });
    expect(spec.optimizer).toEqual({ type: 'adam', learningRate: 0.001 });
    expect(spec.inputs.labs.encoder).toEqual({ type: 'dense', units: [64], activation: 'relu', dropout: 0, batchNorm: false });
    expect(spec.heads.outcome).toMatchObject({ type: 'binary', lossWeight: 1, units: [] });
    expect(spec.inputs.site).toMatchObject({ length: 1 });
  });

  it("reads a saved spec's optimizer keyed by its old `name` as `type`", () => {
    expect(parseModelSpec({ ...valid, optimizer: { name: 'sgd', learningRate: 0.1 } }).optimizer).toEqual({ type: 'sgd', learningRate: 0.1 });
    expect(parseModelSpec({ ...valid, optimizer: { type: 'rmsprop' } }).optimizer).toEqual({ type: 'rmsprop', learningRate: 0.001 });
  });

  it('is idempotent: parsing a parsed spec gives it back', () => {
    const spec = parseModelSpec(valid);
    expect(parseModelSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
  });

  it('names the field, what was expected and what was received', () => {
    const problems = problemsOf({ ...valid, inputs: { labs: { kind: 'numeric', size: 0, encoder: { type: 'dense', units: [8, -1] } } } });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^inputs\.labs\.size: .*>0.*Received: 0$/), expect.stringMatching(/^inputs\.labs\.encoder\.units\[1\]: .*Received: -1$/)]),
    );
  });

  it('rejects an encoder that cannot read the input kind', () => {
    const problems = problemsOf({ ...valid, inputs: { labs: { kind: 'numeric', size: 3, encoder: { type: 'text' } } } });
    expect(problems).toEqual([expect.stringContaining("inputs.labs.encoder.type: a 'text' encoder cannot read a 'numeric' input (it reads: tokens)")]);
  });

  it('rejects a fusion that refers to a missing input', () => {
    const problems = problemsOf({ ...valid, fusion: { type: 'cross-attention', query: 'labs', value: 'xray' } });
    expect(problems).toEqual([expect.stringContaining("fusion: refers to input 'xray', which the spec does not have (inputs: labs, site)")]);
  });

  it('rejects names that cannot be tensor names, and a head named like an input', () => {
    expect(problemsOf({ ...valid, heads: { 'bad name': { type: 'binary' } } })).toEqual([expect.stringContaining('expected a name of letters')]);
    expect(problemsOf({ ...valid, heads: { labs: { type: 'binary' } } })).toEqual([expect.stringContaining("'labs' is also an input name")]);
  });

  it('rejects a spec without inputs or heads, and unknown types', () => {
    expect(problemsOf({ name: 'x', inputs: {}, heads: {} })).toEqual([
      expect.stringContaining('inputs: expected at least one input'),
      expect.stringContaining('heads: expected at least one head'),
    ]);
    expect(problemsOf({ ...valid, heads: { y: { type: 'ordinal' } } })[0]).toMatch(/^heads\.y\.type: /);
  });

  it('generates a JSON Schema with a description on the fields', () => {
    const schema = JSON.stringify(modelSpecJsonSchema());
    expect(schema).toContain('Units of each Dense layer, in order. Defaults to [64].');
    expect(schema).toContain('"cross-attention"');
  });
});
