export * from './bench-models';
export * from './measure';
export * from './pytorch-reference';
export * from './report-table';
