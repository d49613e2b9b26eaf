import { parseModelSpec } from '@mimo/core';
import { subsetSpec } from './subset-spec';

const spec = parseModelSpec({
  name: 'm',
  inputs: {
    labs: { kind: 'numeric', size: 3, encoder: { type: 'dense', units: [4] } },
    xray: { kind: 'image', height: 8, width: 8, encoder: { type: 'cnn', filters: [2] } },
  },
  fusion: { type: 'gated', units: [4] },
  heads: { outcome: { type: 'binary' } },
});

describe('subsetSpec', () => {
  it('keeps the named inputs, falls back to concat and renames the spec', () => {
    const labs = subsetSpec(spec, ['labs']);
    expect(Object.keys(labs.inputs)).toEqual(['labs']);
    expect(labs.fusion.type).toBe('concat');
    expect(labs.name).toBe('m__labs');
  });

  it('returns the spec itself when every input is kept or none is named', () => {
    expect(subsetSpec(spec, ['xray', 'labs'])).toBe(spec);
    expect(subsetSpec(spec, undefined)).toBe(spec);
  });

  it('names unknown inputs', () => {
    expect(() => subsetSpec(spec, ['ecg'])).toThrow("--inputs: unknown input(s) ecg. The spec's inputs: labs, xray");
  });
});
