import * as tf from '@tensorflow/tfjs';
import { PositionEmbedding } from '../encoders/transformer-position';
import { DotProductAttention } from '../layers/dot-product-attention';
import { FusedDense } from '../layers/fused-dense';
import { FusedDropout } from '../layers/fused-dropout';
import { FusedGRU, FusedLSTM } from '../layers/fused-recurrent-layers';
import { MaskedGlobalAveragePooling1D } from '../layers/masked-pooling';
import { MaskAny } from '../layers/mask-any';
import { AttentionPooling } from '../layers/attention-pooling';
import { MultiHeadAttention } from '../layers/multi-head-attention';
import { SequenceMask } from '../layers/sequence-mask';
import { WeightedSum } from '../layers/weighted-sum';

type LayerClass = tf.serialization.SerializableConstructor<tf.serialization.Serializable>;

/** Mimo's own layers, each under a className that tfjs-layers does not have. */
const MIMO_LAYERS = [DotProductAttention, MultiHeadAttention, SequenceMask, MaskedGlobalAveragePooling1D, MaskAny, AttentionPooling, WeightedSum, PositionEmbedding] as unknown as LayerClass[];

/** Subclasses of tfjs-layers' Dense / LSTM / GRU / Dropout under tfjs's own classNames (same config and weights). */
const FUSED_LAYERS = [FusedDense, FusedLSTM, FusedGRU, FusedDropout] as unknown as LayerClass[];

/**
 * Registers Mimo's own layer classes (attention, masks, masked and attention pooling, weighted sum, position embedding) with
 * tfjs's serialization, so that `tf.loadLayersModel` reads a model that Mimo saved. Adds classNames only: no
 * class of tfjs's is replaced. `loadBundle` calls it; importing a Mimo package never does. Idempotent.
 */
export function registerMimoLayers(): void {
  for (const layer of MIMO_LAYERS) tf.serialization.registerClass(layer);
}

/**
 * What loading a model of this (saved) topology needs registered: Mimo's own layers (`registerMimoLayers`), and
 * Mimo's GRU as 'GRU' where it has a GRU saved with `reset_after: true` (Keras's default since 2.3), which stock
 * tfjs-layers cannot build (see `FusedGRU`). `loadBundle` and the web app's bundle loader call it. Idempotent.
 */
export function registerLayersToLoad(modelTopology: unknown): void {
  registerMimoLayers();
  if (hasResetAfterGru(modelTopology)) tf.serialization.registerClass(FusedGRU as unknown as LayerClass);
}

function hasResetAfterGru(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasResetAfterGru);
  if (node === null || typeof node !== 'object') return false;
  const fields = node as Record<string, unknown>;
  return fields.reset_after === true || fields.resetAfter === true || Object.values(fields).some(hasResetAfterGru);
}

/**
 * `registerMimoLayers`, and tfjs's Dense, LSTM, GRU and Dropout entries replaced by Mimo's fused subclasses (same
 * className, config and weights), so that every model deserialised afterwards — `loadBundle`,
 * `tf.loadLayersModel` — runs those layers as one native kernel each way on the torch backend (elsewhere
 * they compute exactly what the stock layers do). Mimo's CLI calls it at start; a library user opts in.
 * Models that Mimo builds use the fused layers without it. Idempotent.
 */
export function installFusedLayers(): void {
  registerMimoLayers();
  for (const layer of FUSED_LAYERS) tf.serialization.registerClass(layer);
}
