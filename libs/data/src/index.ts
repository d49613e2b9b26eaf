// The public API of @mimo/data: raw files → the tensors a spec expects, the same way at training and serving time.
export * from './errors';
export * from './tabular';
export * from './preprocess';
export * from './text';
export * from './images';
export * from './arrays';
export * from './timeseries';
export * from './splits';
export * from './datasets';
