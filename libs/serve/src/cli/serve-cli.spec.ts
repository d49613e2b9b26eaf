import { saveBundle } from '@mimo/core';
import { promises as fs } from 'fs';
import * as path from 'path';
import { referenceModel, tempDir } from '../testing/test-models.test-helper';
import { serveCli } from './serve-cli';

describe('serveCli (mimo serve)', () => {
  it('serves a models folder until stopped, then drains and exits 0', async () => {
    const root = await tempDir();
    const served = referenceModel('shared_multitask');
    await saveBundle(path.join(root, 'multi', '1'), { model: served.bundle.model, spec: served.bundle.spec });
    const controller = new AbortController();
    let url = '';
    let exitCode: number | undefined;
    const listening = new Promise<void>((resolve) => {
      const running = serveCli(['--models', root, '--port', '0', '--poll-ms', '0'], { signal: controller.signal, onListening: (u) => ((url = u), resolve()) });
      void running.then((code) => (exitCode = code));
    });
    await listening;
    expect(await (await fetch(`${url}/v1/models/multi`)).json()).toMatchObject({ model_version_status: [{ version: '1' }] });
    controller.abort();
    for (let i = 0; i < 200 && exitCode === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(exitCode).toBe(0);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('rejects missing or bad flags with exit code 2', async () => {
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await serveCli([])).toBe(2);
      expect(await serveCli(['--models', '/tmp', '--port', 'abc'])).toBe(2);
      expect(await serveCli(['--models', '/tmp', '--port', '99999'])).toBe(2);
      expect(err).toHaveBeenLastCalledWith(expect.stringContaining('--port: expected a port from 0 to 65535, received "99999"'));
      expect(await serveCli(['--nope'])).toBe(2);
      expect(await serveCli(['--models', '/nonexistent/models'])).toBe(1);
      expect(err).toHaveBeenLastCalledWith('mimo serve: cannot read /nonexistent/models: /nonexistent/models: no such folder\n');
    } finally {
      err.mockRestore();
    }
  });
});
