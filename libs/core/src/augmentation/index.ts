export * from './image-augmentation-config';
export * from './affine-resample';
export * from './image-transform';
export * from './image-augmenter';
