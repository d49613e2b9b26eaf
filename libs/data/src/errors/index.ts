export * from './data-error';
export * from './parse-with';
export * from './duplicate-json-key';
export * from './record-objects';
