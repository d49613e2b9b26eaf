import { InputShapeSpec } from '../spec/input-kinds';

/**
 * What an input's attributions are measured from, by kind: for numbers, images and series an all-zero input (the
 * training mean of standardised features, a black image, a flat series); for ids the zero vector in embedding
 * space (no category, no word) with the ids' own mask kept.
 */
export const BASELINE_BY_KIND: Record<InputShapeSpec['kind'], string> = {
  numeric: 'zeros (the training mean of standardised features)',
  image: 'a black image (all zeros)',
  sequence: 'an all-zero series (the training mean of standardised features)',
  categorical: 'zero embedding vectors (no category)',
  tokens: 'zero embedding vectors (no words; padding stays masked)',
  'token-groups': 'zero embedding vectors (no words; padding stays masked)',
};
