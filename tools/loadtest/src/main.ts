// Load test of `mimo serve` on loopback: serves a models folder of trained bundles (--models DIR), else the apps'
// reference models saved with fresh weights; starts the server as a child process, runs autocannon at 1, 8 and
// 64 clients per model, then a soak that samples the server's memory.
// npx tsx tools/loadtest/src/main.ts [--models DIR] [--seconds 10] [--soak 60] [--only a,b]
import { spawn } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { formatLoadTable, formatMemory } from './format-report';
import { LoadResult, measureLoad, serverMemory } from './measure-load';
import { APP_REFERENCE_MODELS, predictBody, saveReferenceBundles, servedSpecs } from './reference-bundles';

const CONNECTIONS = [1, 8, 64];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { models: { type: 'string' }, seconds: { type: 'string' }, soak: { type: 'string' }, only: { type: 'string' }, backend: { type: 'string' } } });
  const seconds = Number(values.seconds ?? 10);
  const soak = Number(values.soak ?? 60);
  const temporary = values.models ? undefined : await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-loadtest-'));
  const dir = values.models ?? (temporary as string);
  const specs = values.models ? await servedSpecs(values.models) : await saveReferenceBundles(dir, values.only?.split(',') ?? APP_REFERENCE_MODELS);
  const models = Object.keys(specs).filter((name) => !values.only || values.only.split(',').includes(name));
  const args = [path.join(__dirname, '../../../bin/mimo.js'), 'serve', '--models', dir, '--port', '0', '--poll-ms', '0', ...(values.backend ? ['--backend', values.backend] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'], env: { ...process.env, MIMO_API_TOKEN: '' } });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      process.stderr.write(chunk);
      const match = /mimo serve: (http:\/\/\S+)/.exec(err);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`mimo serve exited with ${code}: ${err}`)));
  });
  const results: LoadResult[] = [];
  try {
    for (const model of models) {
      const body = predictBody(specs[model]);
      await measureLoad(`${baseUrl}/v1/models/${model}:predict`, model, body, 8, Math.min(3, seconds)); // warm-up, not reported
      for (const connections of CONNECTIONS) {
        const result = await measureLoad(`${baseUrl}/v1/models/${model}:predict`, model, body, connections, seconds);
        results.push(result);
        process.stderr.write(`${model} ×${connections}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, errors ${result.errors}\n`);
      }
    }
    const samples = [await serverMemory(baseUrl)];
    const soakModel = models[0];
    const soaking = measureLoad(`${baseUrl}/v1/models/${soakModel}:predict`, soakModel, predictBody(specs[soakModel]), 8, soak);
    for (let t = 0; t < soak; t += 5) {
      await sleep(5000);
      samples.push(await serverMemory(baseUrl));
    }
    const soakResult = await soaking;
    samples.push(await serverMemory(baseUrl));
    process.stdout.write(`\n${formatLoadTable(results)}\n\nsoak: ${soakModel}, 8 clients, ${soak} s: ${soakResult.requests} requests, ${soakResult.errors} errors; ${formatMemory(samples)}\n`);
    process.stdout.write(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
    return results.every((r) => r.errors === 0) && soakResult.errors === 0 ? 0 : 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    if (temporary) await fs.rm(temporary, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
