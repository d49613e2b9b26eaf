export * from './csv-records';
export * from './parse-cell';
export * from './read-table';
export * from './row';
export * from './table-schema';
