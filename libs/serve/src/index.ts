// The public API of @mimo/serve (see docs/serving.md).
export * from './http/create-serve-app';
export * from './http/start-server';
export * from './http/openapi';
export * from './model/served-model';
export * from './model/model-registry';
export * from './model/model-version';
export * from './model/load-served-model';
export * from './model/table-record-decoder';
export * from './model/image-base64';
export { withRecordFiles } from './model/record-files';
export * from './predict/request-error';
export * from './predict/dynamic-batcher';
export * from './predict/input-batch';
export * from './cli/serve-cli';
export * from './predict/label-outputs';
export { explainInHeadTerms } from './predict/explain-inputs';
export type { AnsweredExplanation, AnsweredAttribution } from './predict/explain-inputs';
