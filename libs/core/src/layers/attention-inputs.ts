import * as tf from '@tensorflow/tfjs';
import { KwargsMask, MASKED_LOGIT, NO_MASK, checkOneOf, invalidArgument, toFloatMask, toList } from './layer-utils';

/**
 * Which masks an attention layer receives as explicit graph inputs, after `[query, value, key?]`:
 * `'none'`, `'value'` (`[…, valueMask]`) or `'query_value'` (`[…, queryMask, valueMask]`).
 */
export type AttentionMaskInputs = 'none' | 'value' | 'query_value';
export const ATTENTION_MASK_INPUTS: readonly AttentionMaskInputs[] = ['none', 'value', 'query_value'];

/** The inputs of an attention layer, named. `key` is `value` when no key was given. */
export interface AttentionParts<T> {
  query: T;
  value: T;
  key: T;
  queryMask: T | null;
  valueMask: T | null;
}

export function checkMaskInputs(value: unknown): AttentionMaskInputs {
  return checkOneOf('maskInputs', value, ATTENTION_MASK_INPUTS);
}

/**
 * Splits `[query, value, key?, queryMask?, valueMask?]`. The key is present when the list holds
 * three tensors besides the `maskInputs` masks; `useKey`, when set, must agree.
 */
export function splitAttentionInputs<T>(
  inputs: T[],
  maskInputs: AttentionMaskInputs,
  useKey: boolean | null,
  layerName: string,
): AttentionParts<T> {
  const maskCount = maskInputs === 'query_value' ? 2 : maskInputs === 'value' ? 1 : 0;
  const core = inputs.length - maskCount;
  const masks = maskInputs === 'query_value' ? 'queryMask, valueMask' : maskInputs === 'value' ? 'valueMask' : '';
  const expected = (key: boolean) => `[query, value${key ? ', key' : ''}${masks ? `, ${masks}` : ''}]`;
  const expectedAny =
    useKey === null ? `${expected(false)} or ${expected(true)}` : expected(useKey);
  if ((core !== 2 && core !== 3) || (useKey !== null && useKey !== (core === 3))) {
    throw new Error(
      `Layer ${layerName} (maskInputs='${maskInputs}') expects inputs ${expectedAny}; received ${inputs.length} inputs.`,
    );
  }
  const key = core === 3 ? inputs[2] : inputs[1];
  return {
    query: inputs[0],
    value: inputs[1],
    key,
    queryMask: maskInputs === 'query_value' ? inputs[core] : null,
    valueMask: maskInputs === 'none' ? null : inputs[inputs.length - 1],
  };
}

/**
 * Fills in the masks the explicit inputs did not give from `kwargs.mask`: a list is read Keras-style
 * as `[queryMask, valueMask, …]`; a single tensor (what tfjs's graph executor passes: the first
 * input's mask) is the query mask.
 */
export function resolveAttentionMasks(
  parts: AttentionParts<tf.Tensor>,
  kwargsMask: KwargsMask,
): { queryMask: tf.Tensor | null; valueMask: tf.Tensor | null } {
  let queryMask = parts.queryMask;
  let valueMask = parts.valueMask;
  if (Array.isArray(kwargsMask)) {
    queryMask = queryMask ?? kwargsMask[0] ?? null;
    valueMask = valueMask ?? kwargsMask[1] ?? null;
  } else if (kwargsMask != null) {
    queryMask = queryMask ?? kwargsMask;
  }
  return { queryMask, valueMask };
}

/** What both attention layers hand downstream as their output mask: the query mask, as bool, or none. */
export function attentionOutputMask(
  inputs: tf.Tensor | tf.Tensor[],
  kwargsMask: KwargsMask,
  maskInputs: AttentionMaskInputs,
  useKey: boolean | null,
  layerName: string,
): tf.Tensor {
  const { queryMask } = resolveAttentionMasks(splitAttentionInputs(toList(inputs), maskInputs, useKey, layerName), kwargsMask);
  return queryMask === null ? NO_MASK : tf.cast(queryMask, 'bool');
}

/**
 * Float 0/1 mask of the allowed (query i, value j) pairs, `[batch | 1, Tq, Tv]`, from an optional
 * query mask `[batch, Tq]`, value mask `[batch, Tv]` and causal flag (j ≤ i); null when unmasked.
 */
export function attentionMask(
  queryMask: tf.Tensor | null,
  valueMask: tf.Tensor | null,
  causal: boolean,
  tq: number,
  tv: number,
): tf.Tensor | null {
  const parts: tf.Tensor[] = [];
  if (queryMask !== null) parts.push(tf.expandDims(toFloatMask(queryMask), 2));
  if (valueMask !== null) parts.push(tf.expandDims(toFloatMask(valueMask), 1));
  if (causal) parts.push(tf.expandDims(tf.linalg.bandPart(tf.ones([tq, tv]), -1, 0), 0));
  return parts.length === 0 ? null : parts.reduce((a, b) => tf.mul(a, b));
}

/** Sets scores `[batch, (heads,) Tq, Tv]` to -1e9 where the `[batch | 1, Tq, Tv]` mask is 0. */
export function maskScores(scores: tf.Tensor, mask: tf.Tensor | null): tf.Tensor {
  if (mask === null) return scores;
  const m = scores.rank === 4 ? tf.expandDims(mask, 1) : mask;
  const allowed = tf.broadcastTo(tf.greater(m, 0.5), scores.shape);
  return tf.where(allowed, scores, tf.fill(scores.shape, MASKED_LOGIT));
}

/** Validates that a `[batch, T, d]` input has a known last dimension. */
export function lastDim(shape: tf.Shape, what: string, layerName: string): number {
  const d = shape[shape.length - 1];
  if (shape.length !== 3 || d == null) {
    throw invalidArgument(`${what} shape`, `[batch, T, d] with a known d (layer ${layerName})`, JSON.stringify(shape));
  }
  return d;
}
