export * from './data-error';
export * from './parse-with';
