import { z } from 'zod';
import { ConcatFusionConfig, ConcatFusionConfigSchema, concatFusion } from './concat-fusion';
import { CrossAttentionFusionConfig, CrossAttentionFusionConfigSchema, crossAttentionFusion } from './cross-attention-fusion';
import { FusionDefinition } from './fusion-definition';
import { GatedFusionConfig, GatedFusionConfigSchema, gatedFusion } from './gated-fusion';

export * from './fusion-definition';
export * from './concat-fusion';
export * from './cross-attention-fusion';
export * from './gated-fusion';

export const FusionConfigSchema = z.discriminatedUnion('type', [ConcatFusionConfigSchema, CrossAttentionFusionConfigSchema, GatedFusionConfigSchema]);

export type FusionConfig = ConcatFusionConfig | CrossAttentionFusionConfig | GatedFusionConfig;
export type FusionType = FusionConfig['type'];

/** Every fusion by its `type`; the compiler fails when a config type has no definition. */
export const fusions: { [K in FusionType]: FusionDefinition<Extract<FusionConfig, { type: K }>> } = {
  concat: concatFusion,
  'cross-attention': crossAttentionFusion,
  gated: gatedFusion,
};
