export * from './component-harness';
export * from './expect-component';
