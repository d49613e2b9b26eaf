import * as tf from '@tensorflow/tfjs';
import { isolateBackendState } from './isolate-backend-state.test-helper';
import { doctorReport, formatDoctorReport } from './doctor';
import { inspectPackage } from './optional-package';
import { BACKEND_NAMES } from './resolve-backend';

const tfjsNodeInstalled = inspectPackage('@tensorflow/tfjs-node').installed;

describe('doctor', () => {
  isolateBackendState();

  it('reports the machine, every backend and the pick a run would make', async () => {
    process.env.MIMO_BACKEND = 'wasm';

    const report = await doctorReport();

    expect(report).toMatchObject({ node: process.version, tfjs: tf.version.tfjs, platform: process.platform, arch: process.arch });
    expect(report.cpus).toBeGreaterThan(0);
    expect(report.env).toEqual(expect.objectContaining({ MIMO_BACKEND: 'wasm' }));
    expect(report.backends.map((b) => b.name)).toEqual([...BACKEND_NAMES]);
    if (!report.selection.ok) throw new Error(report.selection.error);
    expect(report.selection.choice).toMatchObject({ name: 'wasm', device: 'cpu', threads: 1 });
    expect(report.selection.bridge?.bridged).toContain('Conv2DBackpropFilter');

    const text = formatDoctorReport(report);
    const rows = text.split('\n');
    for (const probe of report.backends) {
      const row = rows.find((line) => line.trimStart().startsWith(`${probe.name} `));
      expect(row).toBeDefined();
      expect(row).toContain(probe.package);
      expect(row).toContain(probe.reason);
      expect(row).toMatch(probe.usable ? /\byes\s+yes\b|\bno\s+yes\b/ : /\bno\s+no\b|\byes\s+no\b/);
    }
    expect(text).toContain('MIMO_BACKEND=wasm');
    // tools/jest/setup-threads.js sets MIMO_THREADS for every test process.
    expect(text).toContain(`MIMO_THREADS=${process.env.MIMO_THREADS}`);
    expect(text).toMatch(/threads\s+1\n/);
    expect(text).toContain('forced by MIMO_BACKEND=wasm');
    // Whether other work keeps the cores busy, judged for the pick's threads.
    expect(report.cpu).toMatchObject({ cores: report.cpus, threads: 1 });
    expect(text).toContain(`CPU: ${report.cpu.summary}`);
  });

  it('aligns the backend table columns', async () => {
    const text = formatDoctorReport(await doctorReport({ backend: 'cpu' }));
    const header = text.split('\n').find((line) => line.trimStart().startsWith('backend ') && line.includes('package'));
    const rows = text.split('\n').filter((line) => BACKEND_NAMES.some((name) => line.trimStart().startsWith(`${name} `)));

    expect(header).toBeDefined();
    expect(rows).toHaveLength(BACKEND_NAMES.length);
    const packageColumn = header?.indexOf('package');
    for (const row of rows) expect(row.search(/@(tensorflow|mimo)\//)).toBe(packageColumn);
  });

  (tfjsNodeInstalled ? it.skip : it)('reports, rather than throws, a forced backend that is not installed', async () => {
    process.env.MIMO_BACKEND = 'tensorflow';

    const report = await doctorReport();

    expect(report.selection.ok).toBe(false);
    const text = formatDoctorReport(report);
    expect(text).toContain('A run would fail to start');
    expect(text).toContain("Backend 'tensorflow' was requested by MIMO_BACKEND but is not available: @tensorflow/tfjs-node not installed");
  });
});
