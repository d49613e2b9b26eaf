// @mimo/core/internal: everything the public entry leaves out (TensorBoard framing, CRCs, step internals, metric and
// optimizer plumbing, registries), for Mimo's own packages. No stability promise: users import '@mimo/core'.
export * from './spec/input-kinds';
export * from './spec/model-spec';
export * from './spec/zod-issues';
export * from './layers';
export * from './blocks/dense-stack';
export * from './encoders';
export * from './fusion';
export * from './heads';
export * from './model/build-context';
export * from './model/build-model';
export { installFusedLayers, registerMimoLayers } from './model/layer-registry';
export * from './model/compile-model';
export * from './bundle/atomic-dir';
export * from './bundle/bundle';
export * from './bundle/bundle-manifest';
export * from './bundle/bundle-target';
export * from './random/seeded-random';
export * from './synthetic/random-examples';
export * from './reference/reference-specs';
export * from './check/check-model';
export * from './app/app-definition';
export * from './app/pending-commands';
export * from './tensorboard';
export * from './augmentation';
export * from './training';
export * from './check/finite';
