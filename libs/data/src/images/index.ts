export * from './decode-image';
export * from './pixels';
export * from './image-batches';
export * from './image-sources';
