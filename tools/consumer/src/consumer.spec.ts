import { existsSync, lstatSync, readFileSync } from 'fs';
import * as path from 'path';
import { ConsumerProject, createConsumerProject, WORKSPACE_ROOT } from './consumer-project';

// The torch backend is the one users train on; without libtorch on this machine (the repository's own addon
// build says so) the consumers run on tfjs's cpu backend, and the test names say which.
const addonBuilt = existsSync(path.join(WORKSPACE_ROOT, 'libs/backend-torch/build/Release/mimo_torch.node'));
const backend = addonBuilt ? 'torch' : 'cpu';

describe(`Mimo installed from its packed tarballs into a fresh project (backend ${backend})`, () => {
  let project: ConsumerProject;
  const env = { MIMO_BACKEND: backend, MIMO_THREADS: '1' };

  beforeAll(() => {
    project = createConsumerProject();
  }, 600000);
  afterAll(() => project?.remove());

  it('installs without the repository: no symlinks into it, the torch addon compiled on install where libtorch is', () => {
    const core = path.join(project.dir, 'node_modules/@mimo/core');
    expect(lstatSync(core).isSymbolicLink()).toBe(false);
    expect(existsSync(path.join(core, 'dist/index.d.ts'))).toBe(true);
    expect(existsSync(path.join(core, 'src'))).toBe(false);
    const status = JSON.parse(readFileSync(path.join(project.dir, 'node_modules/@mimo/backend-torch/build/status.json'), 'utf8')) as { built: boolean; reason?: string };
    expect(status.built).toBe(addonBuilt);
  });

  it(`CommonJS with plain node: a CSV, a two-input spec, the Trainer on ${backend}, a saved and reloaded bundle, one prediction served`, () => {
    const out = project.run('node', ['train-and-serve.cjs', 'work'], env);
    expect(out).toContain(`backend: ${backend}`);
    expect(out).toMatch(/reloaded ward_outcome: inputs labs, ward/);
    const served = /HTTP 200: (.*)/.exec(out);
    expect(served).not.toBeNull();
    const [risky, safe] = (JSON.parse(served![1]) as { predictions: { outcome: { class: string; probability: number } }[] }).predictions;
    expect(risky.outcome).toMatchObject({ class: 'died' }); // old, high CRP, ward C
    expect(safe.outcome).toMatchObject({ class: 'lived' });
    expect(risky.outcome.probability).toBeGreaterThan(safe.outcome.probability);
    const summary = JSON.parse(out.trim().split('\n').at(-1)!) as { accuracy: number };
    expect(summary.accuracy).toBeGreaterThan(0.9);
  });

  it('ES modules: named imports from every package, one tfjs instance shared with the user', () => {
    const out = JSON.parse(project.run('node', ['esm-consumer.mjs'], env).trim()) as { backend: string; shape: number[] };
    expect(out).toMatchObject({ backend, shape: [2, 1] });
  });

  it('TypeScript in strict mode type-checks against the published .d.ts (node16 and node10 resolution)', () => {
    expect(() => project.run('npx', ['tsc', '-p', 'tsconfig.json'])).not.toThrow();
    expect(() => project.run('npx', ['tsc', '-p', 'tsconfig.json', '--module', 'commonjs', '--moduleResolution', 'node10'])).not.toThrow();
  });
});
