import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadAddonFrom } from './load-addon';

describe('loadAddonFrom', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mimo-torch-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says the addon is not built, with the build step to run, when there is no build', () => {
    expect(loadAddonFrom(join(dir, 'mimo_torch.node'), join(dir, 'status.json'))).toEqual({
      ok: false,
      reason: 'native addon not built (the build step has not run); run `npx mimo-build-torch`',
    });
  });

  it("passes on the build's reason (e.g. libtorch not found)", () => {
    writeFileSync(join(dir, 'status.json'), JSON.stringify({ built: false, reason: 'libtorch not found (LIBTORCH not set)' }));
    const load = loadAddonFrom(join(dir, 'mimo_torch.node'), join(dir, 'status.json'));
    expect(load).toMatchObject({ ok: false, reason: expect.stringContaining('libtorch not found (LIBTORCH not set)') });
  });

  it('reports a file that is not a loadable addon instead of throwing', () => {
    writeFileSync(join(dir, 'mimo_torch.node'), 'not a shared object');
    const load = loadAddonFrom(join(dir, 'mimo_torch.node'), join(dir, 'status.json'));
    expect(load).toMatchObject({ ok: false, reason: expect.stringMatching(/^native addon failed to load: /) });
  });
});
