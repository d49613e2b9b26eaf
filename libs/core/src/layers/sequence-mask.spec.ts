import * as tf from '@tensorflow/tfjs';
import { SequenceMask } from './sequence-mask';
import { expectClose, saveAndLoad, tensorsLeaked } from './layer-checks.test-helper';

describe('SequenceMask', () => {

  it('validates maskValue', () => {
    expect(() => new SequenceMask({ maskValue: 0.5 })).toThrow(
      'Received an invalid value for `maskValue`, expected an integer. Received: maskValue=0.5',
    );
  });

  it('maps int32 and float ids to a float 0/1 mask of ids != maskValue', () => {
    const ids = tf.input({ shape: [4], dtype: 'int32' });
    expect((new SequenceMask().apply(ids) as tf.SymbolicTensor).shape).toEqual([null, 4]);
    const y = new SequenceMask().apply(tf.tensor([[5, 0, 3, 0], [0, 0, 0, 0]], undefined, 'int32')) as tf.Tensor;
    expect(y.dtype).toBe('float32');
    expectClose(y, [[1, 0, 1, 0], [0, 0, 0, 0]], 0);
    const z = new SequenceMask({ maskValue: -1 }).apply(tf.tensor([[-1, 0, 2.5]])) as tf.Tensor;
    expectClose(z, [[0, 1, 1]], 0);
    expect(new SequenceMask().getWeights()).toEqual([]);
  });

  it('saves and loads back; config round trip; no leak', async () => {
    const ids = tf.input({ shape: [3], dtype: 'int32' });
    const layer = new SequenceMask({ maskValue: 7, name: 'm' });
    const model = tf.model({ inputs: ids, outputs: layer.apply(ids) as tf.SymbolicTensor });
    const x = tf.tensor([[7, 1, 7]], undefined, 'int32');
    const loaded = await saveAndLoad(model);
    expect(loaded.getLayer('m')).toBeInstanceOf(SequenceMask);
    expectClose(loaded.predict(x) as tf.Tensor, [[0, 1, 0]], 0);
    const config = layer.getConfig();
    expect(SequenceMask.fromConfig(SequenceMask, config).getConfig()).toEqual(config);
    expect(tensorsLeaked(() => model.predict(x))).toBe(0);
  });
});
