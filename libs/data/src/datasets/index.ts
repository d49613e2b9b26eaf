export * from './datasets-dir';
export * from './tabular-dataset';
export * from './wdbc';
export * from './wall-following-robot';
export * from './uci-sentiment';
export * from './pneumoniamnist';
export * from './stocknet-prices';
export * from './stocknet-tweets';
