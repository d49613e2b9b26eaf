export * from './metric-definition';
export * from './accuracy';
export * from './auc';
export * from './confusion';
export * from './regression-errors';
export * from './r2';
export * from './registry';
export * from './head-metrics';
