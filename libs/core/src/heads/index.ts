import { z } from 'zod';
import { BinaryHeadConfig, BinaryHeadConfigSchema, binaryHead } from './binary-head';
import { HeadDefinition } from './head-definition';
import { MulticlassHeadConfig, MulticlassHeadConfigSchema, multiclassHead } from './multiclass-head';
import { MultilabelHeadConfig, MultilabelHeadConfigSchema, multilabelHead } from './multilabel-head';
import { RegressionHeadConfig, RegressionHeadConfigSchema, regressionHead } from './regression-head';

export * from './head-definition';
export * from './binary-head';
export * from './multiclass-head';
export * from './multilabel-head';
export * from './regression-head';

export const HeadConfigSchema = z.discriminatedUnion('type', [
  BinaryHeadConfigSchema,
  MulticlassHeadConfigSchema,
  MultilabelHeadConfigSchema,
  RegressionHeadConfigSchema,
]);

export type HeadConfig = BinaryHeadConfig | MulticlassHeadConfig | MultilabelHeadConfig | RegressionHeadConfig;
export type HeadType = HeadConfig['type'];

/** Every head by its `type`; the compiler fails when a config type has no definition. */
export const heads: { [K in HeadType]: HeadDefinition<Extract<HeadConfig, { type: K }>> } = {
  binary: binaryHead,
  multiclass: multiclassHead,
  multilabel: multilabelHead,
  regression: regressionHead,
};
