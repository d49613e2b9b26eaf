// Startup benchmark (`npm run bench:startup`): how long the `mimo` command takes from a cold process to its
// answer, the median of N runs of each (default 10) with the spread. docs/benchmarks.md has the figures.
import { median } from '@mimo/app-kit';
import { spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

const BIN = path.resolve(__dirname, '../../../bin/mimo.js');

interface StartupCase {
  label: string;
  args: (outDir: string) => string[];
  /** Stop timing at the first output matching this (then the process is killed); unset: at exit. */
  until?: RegExp;
  /** Run on a pseudo-terminal (util-linux `script`), where the trainer redraws its progress bar after every step. */
  tty?: boolean;
  target: number;
}

const CASES: StartupCase[] = [
  { label: 'mimo --help', args: () => ['--help'], target: 0.3 },
  { label: 'mimo models', args: () => ['models'], target: 1 },
  { label: 'mimo doctor', args: () => ['doctor'], target: 2 },
  // On a terminal the progress bar shows "Epoch 1/1 1/118" once the first training step is done.
  { label: 'mimo finance train: first step done', args: (out) => ['finance', 'train', '--epochs', '1', '--out', out], until: /Epoch 1\/\d+ 1\//, tty: true, target: 3 },
];

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** Seconds from spawning `node bin/mimo.js args` until it exits (code 0) or prints output matching `until`. */
function timeRun(args: string[], until?: RegExp, tty = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const command = [process.execPath, BIN, ...args];
    const [file, ...argv] = tty ? ['script', '-qfec', command.map(quote).join(' '), '/dev/null'] : command;
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let done = false;
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!done && until?.test(output)) {
        done = true;
        resolve(elapsed());
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      if (done) return;
      if (code === 0 && !until) resolve(elapsed());
      else reject(new Error(`mimo ${args.join(' ')} exited ${code}${until ? ` before printing ${until}` : ''}:\n${output.slice(-2000)}`));
    });
  });
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 10);
  console.log(`mimo startup, ${runs} cold runs each (node ${process.version}, ${os.availableParallelism()} cores)\n`);
  console.log('| command | median s | min – max s | target s |');
  console.log('| --- | --- | --- | --- |');
  for (const startup of CASES) {
    const seconds: number[] = [];
    for (let i = 0; i < runs; i++) {
      const out = mkdtempSync(path.join(os.tmpdir(), 'mimo-startup-'));
      try {
        seconds.push(await timeRun(startup.args(path.join(out, 'model')), startup.until, startup.tty));
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }
    const verdict = median(seconds) <= startup.target ? '' : ' (missed)';
    console.log(`| ${startup.label} | ${median(seconds).toFixed(2)} | ${Math.min(...seconds).toFixed(2)} – ${Math.max(...seconds).toFixed(2)} | ≤ ${startup.target}${verdict} |`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
