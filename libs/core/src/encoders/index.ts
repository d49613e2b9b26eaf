import { z } from 'zod';
import { CnnEncoderConfig, CnnEncoderConfigSchema, cnnEncoder } from './cnn-encoder';
import { DenseEncoderConfig, DenseEncoderConfigSchema, denseEncoder } from './dense-encoder';
import { EncoderDefinition } from './encoded-input';
import { EmbeddingEncoderConfig, EmbeddingEncoderConfigSchema, embeddingEncoder } from './embedding-encoder';
import { HierarchicalTextEncoderConfig, HierarchicalTextEncoderConfigSchema, hierarchicalTextEncoder } from './hierarchical-text-encoder';
import { TextEncoderConfig, TextEncoderConfigSchema, textEncoder } from './text-encoder';
import { TimeSeriesEncoderConfig, TimeSeriesEncoderConfigSchema, timeSeriesEncoder } from './time-series-encoder';

export * from './encoded-input';
export * from './cnn-encoder';
export * from './dense-encoder';
export * from './embedding-encoder';
export * from './text-encoder';
export * from './hierarchical-text-encoder';
export * from './time-series-encoder';
export * from './transformer-encoder';
export * from './transformer-position';
export { RecurrentCellSchema, RecurrentGatesSchema } from './recurrent';

export const EncoderConfigSchema = z.discriminatedUnion('type', [
  DenseEncoderConfigSchema,
  EmbeddingEncoderConfigSchema,
  TextEncoderConfigSchema,
  HierarchicalTextEncoderConfigSchema,
  CnnEncoderConfigSchema,
  TimeSeriesEncoderConfigSchema,
]);

export type EncoderConfig = DenseEncoderConfig | EmbeddingEncoderConfig | TextEncoderConfig | HierarchicalTextEncoderConfig | CnnEncoderConfig | TimeSeriesEncoderConfig;
export type EncoderType = EncoderConfig['type'];

/** Every encoder by its `type`; the compiler fails when a config type has no definition. */
export const encoders: { [K in EncoderType]: EncoderDefinition<Extract<EncoderConfig, { type: K }>> } = {
  dense: denseEncoder,
  embedding: embeddingEncoder,
  text: textEncoder,
  'hierarchical-text': hierarchicalTextEncoder,
  cnn: cnnEncoder,
  'time-series': timeSeriesEncoder,
};
