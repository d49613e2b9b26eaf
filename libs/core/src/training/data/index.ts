export * from './training-data';
export * from './check-data';
export * from './subset-data';
export * from './epoch-batches';
