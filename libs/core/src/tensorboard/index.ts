export * from './crc32c';
export * from './tfrecord-framing';
export * from './histogram';
export * from './tensorboard-writer';
