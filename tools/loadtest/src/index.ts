export * from './format-report';
export * from './measure-load';
export * from './reference-bundles';
