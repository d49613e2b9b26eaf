export * from './data-parallel-group';
export * from './collectives';
