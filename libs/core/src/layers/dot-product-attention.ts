import * as tf from '@tensorflow/tfjs';
import {
  AttentionMaskInputs,
  attentionMask,
  attentionOutputMask,
  checkMaskInputs,
  lastDim,
  maskScores,
  resolveAttentionMasks,
  splitAttentionInputs,
} from './attention-inputs';
import { Kwargs, KwargsMask, LayerArgs, checkBoolean, checkOneOf, checkRate, toFloatMask, toList, toShapeList } from './layer-utils';

export type AttentionScoreMode = 'dot' | 'concat';

export interface DotProductAttentionArgs extends LayerArgs {
  /** Multiply the scores by a trainable scalar (initialised to 1). Defaults to false. */
  useScale?: boolean;
  /** `'dot'`: query·keyᵀ; `'concat'`: Σ tanh(query + key) × a trainable scalar. Defaults to 'dot'. */
  scoreMode?: AttentionScoreMode;
  /** Query step i attends only to value steps j ≤ i. Defaults to false. */
  causal?: boolean;
  /** Dropout rate on the attention weights, in training only; in [0, 1). Defaults to 0. */
  dropout?: number;
  /** Masks given as explicit inputs after `[query, value, key?]`. Defaults to 'none'. */
  maskInputs?: AttentionMaskInputs;
  /** Whether a key input is given; inferred from the number of inputs when unset. Defaults to null. */
  useKey?: boolean | null;
}

/**
 * Dot-product attention with Keras `layers.Attention` semantics.
 *
 * Inputs, in this order: `[query, value, key?, queryMask?, valueMask?]`
 * - query `[batch, Tq, dim]`, value `[batch, Tv, dimV]`, key `[batch, Tv, dim]` (defaults to value);
 * - with `maskInputs: 'value'`, a last input valueMask `[batch, Tv]`;
 *   with `maskInputs: 'query_value'`, queryMask `[batch, Tq]` then valueMask `[batch, Tv]`;
 *   masks are float (or int, bool) 0/1, 1 = keep.
 * Explicit mask inputs exist because tfjs's graph executor passes a multi-input layer only its
 * first input's mask (`kwargs.mask` = the query's mask), so implicit value masks are lost in graphs.
 * Masks not given as inputs are taken from `kwargs.mask`: a list `[queryMask, valueMask]` (Keras,
 * eager), or a single tensor, read as the query mask.
 *
 * Scores `[batch, Tq, Tv]` = query·keyᵀ (× `scale`); masked value steps and (with `causal`) future
 * steps get -1e9 before the softmax; output = softmax(scores)·value; rows of masked query steps are
 * zeroed. `computeMask` passes the query mask on (as bool), or none.
 *
 * Output shape: `[batch, Tq, dimV]`.
 */
export class DotProductAttention extends tf.layers.Layer {
  static className = 'MimoDotProductAttention';
  readonly useScale: boolean;
  readonly scoreMode: AttentionScoreMode;
  readonly causal: boolean;
  readonly dropout: number;
  /** Seed of the next dropout mask; the Trainer sets a new one before every step (see DropoutSeeds). Not saved. */
  dropoutSeed?: number;
  readonly maskInputs: AttentionMaskInputs;
  readonly useKey: boolean | null;
  private scale: tf.LayerVariable | null = null;
  private concatScoreWeight: tf.LayerVariable | null = null;

  constructor(args: DotProductAttentionArgs = {}) {
    super(args);
    this.useScale = checkBoolean('useScale', args.useScale ?? false);
    this.scoreMode = checkOneOf('scoreMode', args.scoreMode ?? 'dot', ['dot', 'concat'] as const);
    this.causal = checkBoolean('causal', args.causal ?? false);
    this.dropout = checkRate('dropout', args.dropout ?? 0);
    this.maskInputs = checkMaskInputs(args.maskInputs ?? 'none');
    this.useKey = args.useKey == null ? null : checkBoolean('useKey', args.useKey);
    this.supportsMasking = true;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = splitAttentionInputs(toShapeList(inputShape), this.maskInputs, this.useKey, this.name);
    const dq = lastDim(s.query, 'query', this.name);
    const dk = lastDim(s.key, 'key', this.name);
    lastDim(s.value, 'value', this.name);
    if (dq !== dk) throw new Error(`Layer ${this.name}: query and key must have the same last dimension; got ${dq} and ${dk}.`);
    if (this.useScale) this.scale = this.addWeight('scale', [], 'float32', tf.initializers.ones());
    if (this.scoreMode === 'concat') {
      this.concatScoreWeight = this.addWeight('concat_score_weight', [], 'float32', tf.initializers.ones());
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = splitAttentionInputs(toShapeList(inputShape), this.maskInputs, this.useKey, this.name);
    return [s.query[0], s.query[1], s.value[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const p = splitAttentionInputs(toList(inputs), this.maskInputs, this.useKey, this.name);
      const { queryMask, valueMask } = resolveAttentionMasks(p, kwargs['mask'] as KwargsMask);
      let scores = this.scores(p.query, p.key);
      scores = maskScores(scores, attentionMask(null, valueMask, this.causal, p.query.shape[1] as number, p.value.shape[1] as number));
      let weights = tf.softmax(scores);
      if (kwargs['training'] === true && this.dropout > 0) weights = tf.dropout(weights, this.dropout, undefined, this.dropoutSeed);
      const out = tf.matMul(weights, p.value);
      return queryMask === null ? out : tf.mul(out, tf.expandDims(toFloatMask(queryMask), 2));
    });
  }

  /** `[batch, Tq, d]`, `[batch, Tv, d]` → `[batch, Tq, Tv]`. */
  private scores(query: tf.Tensor, key: tf.Tensor): tf.Tensor {
    if (this.scoreMode === 'dot') {
      const s = tf.matMul(query, key, false, true);
      return this.scale ? tf.mul(s, this.scale.read()) : s;
    }
    let sum = tf.add(tf.expandDims(query, 2), tf.expandDims(key, 1));
    if (this.scale) sum = tf.mul(sum, this.scale.read());
    return tf.mul(tf.sum(tf.tanh(sum), -1), (this.concatScoreWeight as tf.LayerVariable).read());
  }

  override computeMask(inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return attentionOutputMask(inputs, mask, this.maskInputs, this.useKey, this.name);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      useScale: this.useScale,
      scoreMode: this.scoreMode,
      causal: this.causal,
      dropout: this.dropout,
      maskInputs: this.maskInputs,
      useKey: this.useKey,
    };
  }
}
