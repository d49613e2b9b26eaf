import { spawn } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

const BIN = path.join(__dirname, '../../../../bin/mimo.js');
const TRAIN = ['finance', 'train', '--tiny', '--epochs', '8', '--patience', '20', '--seed', '5'];

/** Runs the real CLI; with `killAt`, SIGKILLs it as soon as its output matches (mid-run), as a crash would. */
function mimo(args: string[], killAt?: RegExp): Promise<{ code: number | null; signal: string | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MIMO_THREADS: '1' } });
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (killAt?.test(output)) child.kill('SIGKILL');
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

describe('mimo <app> train --resume', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mimo-resume-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('continues a run SIGKILLed mid-run and ends with the weights of an uninterrupted run, bit for bit', async () => {
    const whole = path.join(root, 'whole');
    const killed = path.join(root, 'killed');
    expect((await mimo([...TRAIN, '--out', whole])).code).toBe(0);

    const crash = await mimo([...TRAIN, '--out', killed], /Epoch 2\/8/);
    expect(crash.signal).toBe('SIGKILL');
    expect(existsSync(path.join(killed, 'model.json'))).toBe(false);
    expect(existsSync(`${killed}.checkpoints`)).toBe(true);

    const again = await mimo([...TRAIN, '--out', killed]);
    expect(again.code).toBe(1);
    expect(again.output).toContain(`its checkpoint is in ${killed}.checkpoints: pass --resume to continue it, or --overwrite to start over`);

    const resumed = await mimo([...TRAIN, '--out', killed, '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.output).toContain(`--resume: continuing from ${killed}.checkpoints/last`);
    expect(readFileSync(path.join(killed, 'weights.bin')).equals(readFileSync(path.join(whole, 'weights.bin')))).toBe(true);
    const metrics = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'card.json'), 'utf8')) as { metrics: unknown; history: unknown });
    expect(metrics(killed).metrics).toEqual(metrics(whole).metrics);
    expect(metrics(killed).history).toEqual(metrics(whole).history);
    expect(existsSync(`${killed}.checkpoints`)).toBe(false);
  });
});
