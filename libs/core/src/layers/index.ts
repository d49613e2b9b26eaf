export { ATTENTION_MASK_INPUTS } from './attention-inputs';
export type { AttentionMaskInputs } from './attention-inputs';
export * from './dot-product-attention';
export type { Kwargs, LayerArgs } from './layer-utils';
export * from './masked-pooling';
export * from './multi-head-attention';
export * from './sequence-mask';
export * from './weighted-sum';
