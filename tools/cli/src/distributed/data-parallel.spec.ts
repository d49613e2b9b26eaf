import { freePort } from '@mimo/app-kit';
import { distributedStatus } from '@mimo/backend';
import { autonomousSpecFor } from '@mimo/autonomous';
import type { ModelSpecInput } from '@mimo/core';
import { registerTorchBackend } from '@mimo/backend-torch';
import { execFileSync, spawn } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { RankRun } from './train-rank.test-helper';

const LEARNING_RATE = 0.01;
const ROOT = path.join(__dirname, '../../../..');
const FIXTURE = path.join(__dirname, 'train-rank.test-helper.ts');
const BIN = path.join(ROOT, 'bin/mimo.js');

interface Exit {
  code: number | null;
  signal: string | null;
  stderr: string;
  seconds: number;
}

/**
 * Runs a process to its end, with MIMO_THREADS=1 and `env`; a process still running after 90 s is killed (a hang
 * fails the test). With `killAt`, its whole process group (it and the ranks it started) is SIGKILLed as soon as
 * its stderr matches, as a machine that crashes would be.
 */
function runProcess(args: string[], env: NodeJS.ProcessEnv, killAt?: RegExp): Promise<Exit> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MIMO_THREADS: '1', ...env }, detached: true });
    const killGroup = () => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (killAt?.test(stderr)) killGroup();
    });
    const timer = setTimeout(killGroup, 90000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, seconds: (Date.now() - started) / 1000 });
    });
  });
}

function runFixture(run: RankRun, env: NodeJS.ProcessEnv = {}): Promise<Exit> {
  return runProcess(['--import', 'tsx', FIXTURE], { TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'), MIMO_TEST_RUN: JSON.stringify(run), MIMO_DIST_TIMEOUT: '30', ...env });
}

/** Two ranks with a file store (`{ MIMO_DIST_FILE }`) or torchrun's variables (`{ MASTER_ADDR, MASTER_PORT }`). */
function twoRanks(run: RankRun, rendezvous: NodeJS.ProcessEnv): Promise<Exit[]> {
  return Promise.all([0, 1].map((rank) => runFixture(run, { ...rendezvous, RANK: String(rank), LOCAL_RANK: String(rank), WORLD_SIZE: '2' })));
}

function weightsOf(file: string): { steps: number; weights: number[][] } {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The weights that differ beyond numpy's allclose (|a − b| ≤ atol + rtol·|b|), as "layer[index]: a vs b".
 * Summing a batch in halves and then averaging rounds differently from summing it whole; Adam divides each
 * gradient by its running magnitude, so where a gradient is near zero (|g| ≲ 1e-5, against ε = 1e-7) that
 * rounding moves the update by up to ~0.1 % of the learning rate per step. SGD passes it on unamplified.
 */
function notClose(a: number[][], b: number[][], rtol: number, atol: number): string[] {
  const out: string[] = [];
  a.forEach((values, i) => values.forEach((v, j) => Math.abs(v - b[i][j]) > atol + rtol * Math.abs(b[i][j]) && out.push(`${i}[${j}]: ${v} vs ${b[i][j]}`)));
  return out;
}

const MLP: ModelSpecInput = {
  name: 'mlp',
  inputs: { x: { kind: 'numeric', size: 8, encoder: { type: 'dense', units: [16] } } },
  fusion: { type: 'concat', units: [16] },
  heads: { y: { type: 'binary' } },
  seed: 3,
};

/**
 * A Python whose torch can launch Mimo here: its torchrun agent's TCPStore must speak the protocol of the addon's
 * libtorch, so the two must be the same release (e.g. both from one PyTorch 2.x wheel). Every `python3` on PATH is
 * tried: under npm and nx, node's own folder (often /usr/bin, the system Python) comes first.
 */
function matchingTorchrun(): { python: string; version: string } | { missing: string } {
  const torch = registerTorchBackend();
  if (!torch.available) return { missing: torch.reason };
  const release = (v: string) => v.split('+')[0].split('.').slice(0, 2).join('.');
  const pythons = [...new Set((process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'python3')))].filter(existsSync);
  const found: string[] = [];
  for (const python of pythons) {
    try {
      const version = execFileSync(python, ['-c', 'import torch, torch.distributed.run; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (release(version) === release(torch.info.version)) return { python, version };
      found.push(`${python}: torch ${version}`);
    } catch {
      // This Python has no torch (or no torchrun): try the next.
    }
  }
  return { missing: found.length ? `no torchrun of the addon's libtorch ${torch.info.version} (${found.join('; ')})` : 'no python3 on PATH with torch.distributed.run' };
}

const status = distributedStatus();
const describeDistributed = status.available ? describe : describe.skip;
if (!status.available) process.stderr.write(`data-parallel tests skipped: ${status.reason}\n`);

describeDistributed('data-parallel training on c10d (two ranks on 127.0.0.1)', () => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mimo-ddp-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('two ranks of an MLP on a file store, with unequal shards, end with the weights of one process on the combined batches', async () => {
    const out = scratch();
    // 11 examples over 2 ranks: shards of 6 (the order padded with example 0), 3 Adam steps of 2 per rank.
    const run: RankRun = { spec: MLP, examples: 11, batchSize: 2, epochs: 1, optimizer: 'adam', learningRate: LEARNING_RATE, out };
    const ranks = await twoRanks(run, { MIMO_DIST_FILE: path.join(out, 'store') });
    expect(ranks.map((r) => r.code)).toEqual([0, 0]);
    // Alone: the same 11 examples plus example 0 again, 4 per step: each step is the union of the ranks' steps.
    expect((await runFixture({ ...run, batchSize: 4, repeatFirst: 1 })).code).toBe(0);
    const [rank0, rank1, single] = ['rank0', 'rank1', 'single'].map((name) => weightsOf(path.join(out, `${name}.json`)));
    expect([rank0.steps, rank1.steps, single.steps]).toEqual([3, 3, 3]);
    expect(rank1.weights).toEqual(rank0.weights);
    expect(notClose(rank0.weights, single.weights, 1e-5, 1e-3 * LEARNING_RATE * 3)).toEqual([]);
  });

  it.each([
    ['adam', 1e-3 * LEARNING_RATE * 3],
    ['sgd', 1e-8],
  ] as const)("two ranks of the autonomous app's camera + LIDAR model through torchrun's variables (TCPStore) match one process (%s)", async (optimizer, atol) => {
    const out = scratch();
    const spec = autonomousSpecFor('concat', { imageSize: 16, seed: 4 });
    const run: RankRun = { spec, examples: 12, batchSize: 2, epochs: 1, optimizer, learningRate: LEARNING_RATE, out };
    const ranks = await twoRanks(run, { MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(await freePort()) });
    expect(ranks.map((r) => r.code)).toEqual([0, 0]);
    expect((await runFixture({ ...run, batchSize: 4 })).code).toBe(0);
    const [rank0, rank1, single] = ['rank0', 'rank1', 'single'].map((name) => weightsOf(path.join(out, `${name}.json`)));
    expect(rank0.steps).toBe(3);
    expect(rank1.weights).toEqual(rank0.weights);
    expect(notClose(rank0.weights, single.weights, 1e-5, atol)).toEqual([]);
  });

  it.each([
    ['throws', 'throw', /staged failure of rank 1/],
    ['is SIGKILLed', 'kill', null],
    ['gets a non-finite loss', 'nan', /the loss is NaN/],
  ] as const)('a rank that %s stops both ranks with an error, not a hang', async (_, kind, rank1Says) => {
    const out = scratch();
    const run: RankRun = { spec: MLP, examples: 16, batchSize: 2, epochs: 1, optimizer: 'adam', learningRate: LEARNING_RATE, out, failure: { rank: 1, step: 1, kind } };
    const [rank0, rank1] = await twoRanks(run, { MIMO_DIST_FILE: path.join(out, 'store') });
    expect(rank0.code).toBe(1);
    expect(rank0.seconds).toBeLessThan(60);
    expect(rank0.stderr).toMatch(kind === 'nan' ? /rank 1 reported a non-finite loss/ : /rank 0 of 2: allreduce failed: .*(Connection closed|Connection reset|closed by peer)/i);
    if (rank1Says) expect(rank1.stderr).toMatch(rank1Says);
    else expect(rank1.signal).toBe('SIGKILL');
    expect(existsSync(path.join(out, 'rank0.json'))).toBe(false);
  });

  it('mimo <app> train --nproc-per-node 2 trains two local ranks and rank 0 alone writes the bundle', async () => {
    const out = path.join(scratch(), 'bundle');
    const result = await runProcess([BIN, 'autonomous', 'train', '--tiny', '--epochs', '2', '--seed', '3', '--out', out, '--nproc-per-node', '2'], {});
    expect(result.stderr).toMatch(/launching 2 ranks on 127\.0\.0\.1:\d+, 1 thread\(s\) each/);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(out, 'model.json'))).toBe(true);
    expect(existsSync(`${out}.checkpoints`)).toBe(false);
    // One progress display: rank 0's.
    expect(result.stderr.match(/Epoch 1\/2/g)?.length).toBe(1);
  });

  const torchrun = matchingTorchrun();
  if ('missing' in torchrun) process.stderr.write(`torchrun test skipped: ${torchrun.missing}\n`);
  ('version' in torchrun ? it : it.skip)(`runs under a real torchrun --no-python (${'version' in torchrun ? `torch ${torchrun.version}` : `skipped: ${torchrun.missing}`})`, async () => {
    const python = (torchrun as { python: string }).python;
    const out = path.join(scratch(), 'bundle');
    const args = ['-m', 'torch.distributed.run', '--no-python', '--nnodes', '1', '--nproc-per-node', '2', '--master-port', String(await freePort())];
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(python, [...args, process.execPath, BIN, 'autonomous', 'train', '--tiny', '--epochs', '1', '--out', out], { cwd: ROOT, env: { ...process.env, MIMO_THREADS: '1' } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => resolve({ code, output }));
    });
    expect(result.output).toContain(`saved ${out}`);
    expect(result.code).toBe(0);
  });

  it('a two-rank run SIGKILLed mid-run continues with --resume and ends with the weights of an uninterrupted one, bit for bit', async () => {
    const dir = scratch();
    const train = [BIN, 'autonomous', 'train', '--tiny', '--epochs', '3', '--patience', '10', '--seed', '5', '--nproc-per-node', '2'];
    expect((await runProcess([...train, '--out', path.join(dir, 'whole')], {})).code).toBe(0);
    const killed = path.join(dir, 'killed');
    const crash = await runProcess([...train, '--out', killed], {}, /Epoch 2\/3/);
    expect(crash.signal).toBe('SIGKILL');
    expect(existsSync(`${killed}.checkpoints`)).toBe(true);
    const resumed = await runProcess([...train, '--out', killed, '--resume'], {});
    expect(resumed.stderr).toContain('--resume: continuing from');
    expect(resumed.code).toBe(0);
    expect(readFileSync(path.join(killed, 'weights.bin')).equals(readFileSync(path.join(dir, 'whole', 'weights.bin')))).toBe(true);
  });
});
