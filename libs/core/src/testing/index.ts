export * from './component-harness';
export * from './expect-component';
export * from './layer-test';
export * from './expect-layer';
