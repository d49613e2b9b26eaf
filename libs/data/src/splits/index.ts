export type { SplitIndices, SplitOptions, SplitFractions } from './split-fractions';
export { SplitFractionsSchema, SplitOptionsSchema, splitCounts, selectRows } from './split-fractions';
export * from './random-split';
export * from './stratified-split';
export * from './group-split';
export * from './time-split';
export * from './k-fold';
