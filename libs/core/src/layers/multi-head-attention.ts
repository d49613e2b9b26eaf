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
import {
  Kwargs,
  KwargsMask,
  LayerArgs,
  checkBoolean,
  checkInt,
  checkPositiveInt,
  checkRate,
  toList,
  toShapeList,
} from './layer-utils';

export interface MultiHeadAttentionArgs extends LayerArgs {
  /** Number of attention heads; a positive integer. Required. */
  numHeads: number;
  /** Size of each head's query and key projection; a positive integer. Required. */
  keyDim: number;
  /** Size of each head's value projection. Defaults to keyDim. */
  valueDim?: number | null;
  /** Size of the output projection. Defaults to the query's last dimension. */
  outputDim?: number | null;
  /** Dropout rate on the attention weights, in training only; in [0, 1). Defaults to 0. */
  dropout?: number;
  /** Whether the projections have biases. Defaults to true. */
  useBias?: boolean;
  /** Query step i attends only to value steps j ≤ i. Defaults to false. */
  causal?: boolean;
  /** Masks given as explicit inputs after `[query, value, key?]`. Defaults to 'none'. */
  maskInputs?: AttentionMaskInputs;
  /** Whether a key input is given; inferred from the number of inputs when unset. Defaults to null. */
  useKey?: boolean | null;
  /** Seed of the glorotUniform kernel initialisers (seed, seed+1, …). Defaults to null (random). */
  seed?: number | null;
}

/**
 * Multi-head attention with Keras `layers.MultiHeadAttention` semantics (simplified: attention over
 * the time axis only, no custom initialisers).
 *
 * Inputs and masks follow {@link DotProductAttention}: `[query, value, key?, queryMask?, valueMask?]`
 * per `maskInputs`, with `kwargs.mask` as the fallback. query `[batch, Tq, dq]`, value
 * `[batch, Tv, dv]`, key `[batch, Tv, dk]` (defaults to value).
 *
 * Per head h: Q = query·Wq[h], K = key·Wk[h], V = value·Wv[h] (+ biases);
 * softmax(Q·Kᵀ / √keyDim, masked) · V; heads are projected together to `outputDim`.
 * As in Keras, the attention mask is queryMask ⊗ valueMask (⊗ causal): a masked query step attends
 * uniformly (its output is not zeroed); `computeMask` passes the query mask on.
 *
 * Weights (Keras shapes and order): query_kernel [dq, numHeads, keyDim], query_bias [numHeads, keyDim],
 * key_kernel [dk, numHeads, keyDim], key_bias, value_kernel [dv, numHeads, valueDim], value_bias,
 * output_kernel [numHeads, valueDim, outputDim], output_bias [outputDim].
 *
 * Output shape: `[batch, Tq, outputDim]`.
 */
export class MultiHeadAttention extends tf.layers.Layer {
  static className = 'MimoMultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly outputDim: number | null;
  readonly dropout: number;
  /** Seed of the next dropout mask; the Trainer sets a new one before every step (see DropoutSeeds). Not saved. */
  dropoutSeed?: number;
  readonly useBias: boolean;
  readonly causal: boolean;
  readonly maskInputs: AttentionMaskInputs;
  readonly useKey: boolean | null;
  readonly seed: number | null;
  private w: Record<string, tf.LayerVariable> = {};

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    this.numHeads = checkPositiveInt('numHeads', args.numHeads);
    this.keyDim = checkPositiveInt('keyDim', args.keyDim);
    this.valueDim = checkPositiveInt('valueDim', args.valueDim ?? this.keyDim);
    this.outputDim = args.outputDim == null ? null : checkPositiveInt('outputDim', args.outputDim);
    this.dropout = checkRate('dropout', args.dropout ?? 0);
    this.useBias = checkBoolean('useBias', args.useBias ?? true);
    this.causal = checkBoolean('causal', args.causal ?? false);
    this.maskInputs = checkMaskInputs(args.maskInputs ?? 'none');
    this.useKey = args.useKey == null ? null : checkBoolean('useKey', args.useKey);
    this.seed = args.seed == null ? null : checkInt('seed', args.seed);
    this.supportsMasking = true;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = splitAttentionInputs(toShapeList(inputShape), this.maskInputs, this.useKey, this.name);
    const dq = lastDim(s.query, 'query', this.name);
    const dims: Array<[string, number, number]> = [
      ['query', dq, this.keyDim],
      ['key', lastDim(s.key, 'key', this.name), this.keyDim],
      ['value', lastDim(s.value, 'value', this.name), this.valueDim],
    ];
    const out = this.outputDim ?? dq;
    let seedOffset = 0;
    const kernel = (name: string, shape: number[]) => {
      const seed = this.seed === null ? undefined : this.seed + seedOffset++;
      this.w[name] = this.addWeight(name, shape, 'float32', tf.initializers.glorotUniform({ seed }));
    };
    const bias = (name: string, shape: number[]) => {
      if (this.useBias) this.w[name] = this.addWeight(name, shape, 'float32', tf.initializers.zeros());
    };
    for (const [name, inDim, headDim] of dims) {
      kernel(`${name}_kernel`, [inDim, this.numHeads, headDim]);
      bias(`${name}_bias`, [this.numHeads, headDim]);
    }
    kernel('output_kernel', [this.numHeads, this.valueDim, out]);
    bias('output_bias', [out]);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = splitAttentionInputs(toShapeList(inputShape), this.maskInputs, this.useKey, this.name);
    return [s.query[0], s.query[1], this.outputDim ?? s.query[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const p = splitAttentionInputs(toList(inputs), this.maskInputs, this.useKey, this.name);
      const { queryMask, valueMask } = resolveAttentionMasks(p, kwargs['mask'] as KwargsMask);
      const [batch, tq] = p.query.shape as number[];
      const tv = p.value.shape[1] as number;
      const q = tf.mul(this.project(p.query, 'query'), 1 / Math.sqrt(this.keyDim));
      const k = this.project(p.key, 'key');
      const v = this.project(p.value, 'value');
      let scores = tf.matMul(q, k, false, true); // [batch, heads, Tq, Tv]
      scores = maskScores(scores, attentionMask(queryMask, valueMask, this.causal, tq, tv));
      let weights = tf.softmax(scores);
      if (kwargs['training'] === true && this.dropout > 0) weights = tf.dropout(weights, this.dropout, undefined, this.dropoutSeed);
      const context = tf.reshape(tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]), [batch * tq, -1]);
      const kernel = this.w['output_kernel'].read();
      let out = tf.matMul(context, tf.reshape(kernel, [this.numHeads * this.valueDim, -1]));
      if (this.useBias) out = tf.add(out, this.w['output_bias'].read());
      return tf.reshape(out, [batch, tq, -1]);
    });
  }

  /** `[batch, T, d]` → `[batch, heads, T, headDim]` with the `name` projection. */
  private project(x: tf.Tensor, name: 'query' | 'key' | 'value'): tf.Tensor {
    const [batch, t, d] = x.shape as number[];
    const kernel = this.w[`${name}_kernel`].read();
    let y = tf.reshape(tf.matMul(tf.reshape(x, [batch * t, d]), tf.reshape(kernel, [d, -1])), [batch, t, this.numHeads, -1]);
    if (this.useBias) y = tf.add(y, this.w[`${name}_bias`].read());
    return tf.transpose(y, [0, 2, 1, 3]);
  }

  override computeMask(inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return attentionOutputMask(inputs, mask, this.maskInputs, this.useKey, this.name);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      outputDim: this.outputDim,
      dropout: this.dropout,
      useBias: this.useBias,
      causal: this.causal,
      maskInputs: this.maskInputs,
      useKey: this.useKey,
      seed: this.seed,
    };
  }
}
