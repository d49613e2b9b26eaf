// Silences TensorFlow.js's "install tfjs-node" banner in every suite. (IS_TEST would too, but it also turns on
// a per-kernel leak check that misreports wasm's internal buffers as leaks.)
require('@tensorflow/tfjs').env().set('PROD', true);
