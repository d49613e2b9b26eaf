export * from './encoder-layers';
export * from './transfer-weights';
