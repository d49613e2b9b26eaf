export * from './returns';
export * from './series-normalizer';
export * from './sliding-windows';
export * from './windowed-splits';
export * from './pad-sequences';
