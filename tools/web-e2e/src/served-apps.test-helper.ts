import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as path from 'path';
import sharp from 'sharp';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/mimo.js');

/** Runs the `mimo` command as a user would; throws with its stderr when it fails. */
export function mimo(args: string[]): string {
  return execFileSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MIMO_THREADS: '1' } });
}

/** `mimo serve` on a free port; resolves once it prints its URL. */
export function serve(args: string[], env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd: ROOT, env: { ...process.env, MIMO_THREADS: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /mimo serve: (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve({ url, child });
    });
    child.once('exit', (code) => reject(new Error(`mimo serve exited with ${code}: ${stderr}`)));
  });
}

/** A PNG of seeded noise: grey (1 channel) or RGB, at a model's own size. */
export async function noisePng(width: number, height: number, channels: 1 | 3, seed: number): Promise<Buffer> {
  let state = seed;
  const pixels = Buffer.alloc(width * height * channels);
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    pixels[i] = state % 256;
  }
  return sharp(pixels, { raw: { width, height, channels } }).png().toBuffer();
}

/** `count` daily price rows of a seeded random walk, as CSV with a header. */
export function priceCsv(count: number): string {
  let close = 100;
  const rows = Array.from({ length: count }, (_, i) => {
    const open = close;
    close = Number((close * (1 + 0.01 * Math.sin(i * 1.7))).toFixed(2));
    const day = new Date(Date.UTC(2024, 0, 2 + i)).toISOString().slice(0, 10);
    return [day, open, Math.max(open, close) + 0.5, Math.min(open, close) - 0.5, close, 1_000_000 + 1000 * i].join(',');
  });
  return ['date,open,high,low,close,volume', ...rows].join('\n');
}
