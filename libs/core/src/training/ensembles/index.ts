export * from './ensemble';
export * from './bagging';
export * from './stacking';
