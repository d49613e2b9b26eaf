import * as tf from '@tensorflow/tfjs';
import { spawn } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildModel } from '../../model/build-model';
import { dataTensors } from '../data/training-data';
import { resumeRunConfig } from '../testing/resume-run';
import { tinyData, tinySpec, weightValues } from '../testing/training-fixtures';
import { Trainer } from '../trainer/trainer';
import { CHECKPOINT_FILES } from './checkpoint';

const repoRoot = path.resolve(__dirname, '../../../../..');
const child = path.join(__dirname, '../testing/resume-child.ts');

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-resume-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function runChild(runDir: string, mode: 'full' | 'kill' | 'resume'): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['-r', 'tsx/cjs', child, runDir, mode], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

const readResult = async (runDir: string) => JSON.parse(await fs.readFile(path.join(runDir, 'result.json'), 'utf8')) as { history: unknown; weights: number[][] };

describe('resumable training', () => {
  it('a run that stops mid-epoch resumes from its last checkpoint and ends with the weights of an uninterrupted run', async () => {
    const data = tinyData(48);
    const train = async (runDir: string, options: { crashAt?: number; resume?: boolean }) => {
      const model = buildModel(tinySpec);
      const trainer = new Trainer(model, tinySpec, resumeRunConfig(runDir));
      try {
        const history = await trainer.fit(data, {
          resumeFrom: options.resume ? path.join(runDir, 'checkpoints', 'last') : undefined,
          callbacks: [
            {
              onEpochBegin: (epoch) => {
                if (epoch === options.crashAt) throw new Error('crash');
              },
            },
          ],
        });
        return { history, weights: weightValues(model) };
      } finally {
        trainer.dispose();
        model.dispose();
      }
    };
    const full = await train(path.join(dir, 'full'), {});
    await expect(train(path.join(dir, 'cut'), { crashAt: 3 })).rejects.toThrow('crash');
    const resumed = await train(path.join(dir, 'cut'), { resume: true });
    expect(resumed.weights).toEqual(full.weights);
    expect(resumed.history).toEqual(full.history);
    // ReduceLROnPlateau lowered the rate before and after the cut (epoch 3), so its restored state mattered.
    const rates = full.history.history.learning_rate;
    const lowered = (from: number, to: number) => rates.slice(from, to).some((rate, i, part) => i > 0 && rate < part[i - 1]);
    expect([lowered(0, 3), lowered(2, 5)]).toEqual([true, true]);
    tf.dispose(dataTensors(data));
  });

  it('survives SIGKILL: a killed child process resumes and ends exactly where an uninterrupted one does', async () => {
    const full = path.join(dir, 'full');
    const cut = path.join(dir, 'cut');
    await Promise.all([fs.mkdir(full), fs.mkdir(cut)]);
    const [uninterrupted, killed] = await Promise.all([runChild(full, 'full'), runChild(cut, 'kill')]);
    expect(uninterrupted).toMatchObject({ code: 0, stderr: '' });
    expect(killed.signal).toBe('SIGKILL');
    const state = JSON.parse(await fs.readFile(path.join(cut, 'checkpoints', 'last', CHECKPOINT_FILES.state), 'utf8'));
    expect(state.completedEpochs).toBe(2); // killed during epoch 3: the last checkpoint is from the end of epoch 2
    const resumed = await runChild(cut, 'resume');
    expect(resumed).toMatchObject({ code: 0, stderr: '' });
    const [a, b] = await Promise.all([readResult(full), readResult(cut)]);
    expect(b.weights).toEqual(a.weights);
    expect(b.history).toEqual(a.history);
  });
});
