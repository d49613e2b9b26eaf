import { checkModel } from '../check/check-model';
import { ROUND_TRIP_TOLERANCE } from '../check/round-trip';
import { parseModelSpec } from '../spec/model-spec';
import { referenceSpec, referenceSpecs } from './reference-specs';

describe('reference specs', () => {
  it('has the ten seed models, each a valid spec', () => {
    expect(referenceSpecs).toHaveLength(10);
    for (const raw of referenceSpecs) expect(() => parseModelSpec(raw)).not.toThrow();
    expect(() => referenceSpec('nope')).toThrow(/Unknown reference model 'nope'. Known: numeric_categorical, /);
  });

  it('gives seed 4 its Dropout 0.5, Dense 32 branches and loss weights', () => {
    const spec = parseModelSpec(referenceSpec('multitask_branches'));
    expect(spec.inputs.features.encoder).toMatchObject({ units: [64], dropout: 0.5 });
    expect(spec.heads.output_1).toMatchObject({ units: [32], lossWeight: 1 });
    expect(spec.heads.output_2).toMatchObject({ units: [32], lossWeight: 0.5, classes: 10 });
  });

  it.each(referenceSpecs.map((s) => [s.name, s] as const))('%s builds, trains, and survives save → load', async (_name, raw) => {
    const result = await checkModel(raw, { steps: 2, batchSize: 4 });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.weightsChanged).toEqual([]);
    expect(result.maxDiff).toBeLessThanOrEqual(ROUND_TRIP_TOLERANCE);
    expect(Number.isFinite(result.lossLast)).toBe(true);
    expect(result.params).toBeGreaterThan(0);
  });
});
