import { ModelSpec, parseModelSpec } from '@mimo/core';
import { FlagError } from '../cli/parse-flags';

/**
 * The spec with only the named inputs (`--inputs a,b`), in the spec's order. A fusion that names a dropped
 * input (cross-attention) or needs several inputs falls back to concat with the same Dense stack where it
 * has one. The name gets the inputs as a suffix (`patient_outcome__labs`), so bundles do not collide.
 */
export function subsetSpec(spec: ModelSpec, inputs: readonly string[] | undefined): ModelSpec {
  if (!inputs) return spec;
  const known = Object.keys(spec.inputs);
  const unknown = inputs.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new FlagError(`--inputs: unknown input(s) ${unknown.join(', ')}. The spec's inputs: ${known.join(', ')}`);
  const kept = known.filter((name) => inputs.includes(name));
  if (kept.length === known.length) return spec;
  const fusion = spec.fusion.type === 'concat' ? spec.fusion : { type: 'concat' as const };
  return parseModelSpec({
    ...spec,
    name: `${spec.name}__${kept.join('_')}`,
    inputs: Object.fromEntries(kept.map((name) => [name, spec.inputs[name]])),
    fusion,
  });
}
