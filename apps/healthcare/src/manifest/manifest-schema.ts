import { TableSchemaInput } from '@mimo/data';

/** Column names with a fixed role in a healthcare manifest; every other column is a numeric lab value. */
export const MANIFEST_ROLES = {
  id: ['patient_id', 'id'],
  image: 'image',
  outcome: 'outcome',
  /** Optional extra targets and their head types. */
  extraTargets: { severity: 'multiclass', icu: 'binary' } as Record<string, 'binary' | 'multiclass'>,
};

export interface ManifestColumns {
  id?: string;
  labs: string[];
  extraTargets: string[];
}

/**
 * The roles of a manifest's columns, from its header. Fails, naming the file, when `image` or `outcome` is
 * missing or no lab column is left.
 */
export function manifestColumns(header: readonly string[], file: string): ManifestColumns {
  for (const required of [MANIFEST_ROLES.image, MANIFEST_ROLES.outcome]) {
    if (!header.includes(required)) throw new Error(`${file}: expected a '${required}' column, received the columns: ${header.join(', ')}`);
  }
  const id = MANIFEST_ROLES.id.find((name) => header.includes(name));
  const extraTargets = header.filter((name) => name in MANIFEST_ROLES.extraTargets);
  const labs = header.filter((name) => name !== id && name !== MANIFEST_ROLES.image && name !== MANIFEST_ROLES.outcome && !extraTargets.includes(name));
  if (labs.length === 0) throw new Error(`${file}: expected at least one lab column besides ${[id, 'image', 'outcome', ...extraTargets].filter(Boolean).join(', ')}`);
  return { id, labs, extraTargets };
}

/** Table schema of a manifest: labs → input `labs` (standardised), image → input `xray` (28×28 grey), outcome and extra targets → heads. */
export function manifestSchema(columns: ManifestColumns): TableSchemaInput {
  return {
    columns: {
      ...Object.fromEntries(columns.labs.map((lab) => [lab, { type: 'numeric', input: 'labs' } as const])),
      image: { type: 'image', input: 'xray', height: 28, width: 28, channels: 1, fit: 'fill' },
      outcome: { type: 'label', task: 'binary' },
      ...Object.fromEntries(columns.extraTargets.map((t) => [t, { type: 'label', task: MANIFEST_ROLES.extraTargets[t] } as const])),
    },
  };
}
