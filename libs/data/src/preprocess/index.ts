export * from './preprocessor';
export * from './numeric-preprocessor';
export * from './categorical-preprocessor';
export * from './text-preprocessor';
export * from './image-preprocessor';
export * from './label-preprocessor';
export * from './build-preprocessors';
export * from './table-preprocessor';
