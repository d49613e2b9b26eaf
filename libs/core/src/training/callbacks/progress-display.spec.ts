import { fakeContext } from '../testing/fake-context';
import { formatDuration, ProgressDisplay } from './progress-display';

function drive(isTTY: boolean, everyBatches?: number): string {
  let out = '';
  let clock = 0;
  const display = new ProgressDisplay({ type: 'progress', everyBatches }, { stream: { isTTY, write: (text) => (out += text) }, now: () => clock });
  const ctx = fakeContext({ epochs: 3, batchesPerEpoch: 4 });
  display.onEpochBegin(1);
  for (let batch = 0; batch < 4; batch++) {
    clock += 500;
    display.onBatchEnd(batch, { loss: 1 / (batch + 1) }, ctx);
  }
  display.onEpochEnd(1, { loss: 0.25, flag_accuracy: 0.75, val_loss: 0.5, learning_rate: 0.0001 }, ctx);
  return out;
}

describe('ProgressDisplay', () => {
  it('prints plain lines when stdout is not a terminal', () => {
    expect(drive(false)).toBe('Epoch 2/3 4/4 2s loss=0.2500 flag_accuracy=0.7500 val_loss=0.5000 learning_rate=1.00e-4\n');
    expect(drive(false, 2)).toBe(
      'Epoch 2/3 batch 2/4 ETA 1s loss=0.5000\n' + 'Epoch 2/3 batch 4/4 ETA 0s loss=0.2500\n' + 'Epoch 2/3 4/4 2s loss=0.2500 flag_accuracy=0.7500 val_loss=0.5000 learning_rate=1.00e-4\n',
    );
  });

  it('draws a live bar with batch, ETA and metrics on a terminal', () => {
    const out = drive(true);
    expect(out.split('\r\x1b[K')).toEqual([
      '',
      'Epoch 2/3 1/4 [====>···············] ETA 2s loss 1.0000',
      'Epoch 2/3 2/4 [=========>··········] ETA 1s loss 0.5000',
      'Epoch 2/3 3/4 [==============>·····] ETA 1s loss 0.3333',
      'Epoch 2/3 4/4 [===================>] ETA 0s loss 0.2500',
      'Epoch 2/3 4/4 2s loss 0.2500 flag_accuracy 0.7500 val_loss 0.5000 learning_rate 1.00e-4\n',
    ]);
  });

  it('formats durations', () => {
    expect([formatDuration(4.4), formatDuration(75), formatDuration(3 * 3600 + 5 * 60)]).toEqual(['4s', '1m15s', '3h05m']);
  });
});
