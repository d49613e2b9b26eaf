export * from './npy';
export * from './zip';
export * from './npz';
