import { buildModel, parseModelSpec, referenceSpec, saveBundle } from '@mimo/core';
import { spawn } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

describe('mimo serve', () => {
  it('serves a models folder and, on SIGTERM, drains and exits 0', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-cli-serve-'));
    const spec = parseModelSpec(referenceSpec('shared_multitask'));
    const model = buildModel(spec);
    await saveBundle(path.join(root, 'multi', '1'), { model, spec });
    model.dispose();
    const bin = path.join(__dirname, '../../../../bin/mimo.js');
    const child = spawn(process.execPath, [bin, 'serve', '--models', root, '--port', '0', '--poll-ms', '0', '--backend', 'cpu'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MIMO_API_TOKEN: '' } });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (chunk: Buffer) => {
          err += chunk.toString();
          const match = /mimo serve: (http:\/\/\S+)/.exec(err);
          if (match) resolve(match[1]);
        });
        void exited.then(() => reject(new Error(`mimo serve exited early: ${err}`)));
      });
      const res = await fetch(`${url}/v1/models/multi:predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instances: [new Array(20).fill(0.5)] }) });
      expect(res.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
