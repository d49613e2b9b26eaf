export * from './trainer-config';
export * from './training-error';
export * from './train-step';
export * from './evaluate';
export * from './dropout-seeds';
export * from './trainer';
export * from './augment-batch';
export * from './replayed-step';
