import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { TorchBackend } from '../torch-backend';

const status = registerTorchBackend();
const describeTorch = status.available ? describe : describe.skip;

describeTorch('max pool on torch', () => {
  let backend: TorchBackend;
  let argmaxPools = 0;
  let call: TorchBackend['addon']['call'];
  beforeAll(async () => {
    await tf.setBackend('torch');
    backend = tf.backend() as TorchBackend;
    call = backend.addon.call;
    const index = backend['operatorIndex']('max_pool2d_with_indices', ''); // the index the kernels call it by
    backend.addon.call = (op, args) => {
      if (op === index) argmaxPools++;
      return call(op, args);
    };
  });
  afterAll(async () => {
    backend.addon.call = call;
    await tf.setBackend('cpu');
  });

  it('pools for the argmax once per gradient: the taped forward keeps it with its output for MaxPoolGrad', () => {
    const x = tf.randomNormal([2, 6, 6, 3], 0, 1, 'float32', 1);
    const pool = (input: tf.Tensor) => tf.maxPool(input as tf.Tensor4D, 2, 2, 'same');
    argmaxPools = 0;
    tf.dispose(tf.grad(pool)(x));
    expect(argmaxPools).toBe(1);
    argmaxPools = 0;
    tf.dispose(pool(x)); // off the tape: no argmax at all
    expect(argmaxPools).toBe(0);
    x.dispose();
  });

  it("keeps the argmax as long as the pool's output lives, and frees it with the output's data", () => {
    const x = tf.randomNormal([2, 6, 6, 3], 0, 1, 'float32', 1);
    const before = backend.memory().numTorchTensors;
    let output: tf.Tensor | undefined;
    const grad = tf.grad((input: tf.Tensor) => (output = tf.keep(tf.maxPool(input as tf.Tensor4D, 2, 2, 'valid'))))(x);
    expect(backend.memory().numTorchTensors).toBe(before + 3); // the gradient, the kept output and its argmax
    output?.dispose();
    expect(backend.memory().numTorchTensors).toBe(before + 1);
    tf.dispose([grad, x]);
  });
});
