import { spawn } from 'child_process';
import { existsSync } from 'fs';
import { contentionVerdict, measureCpuContention } from './cpu-contention';

describe('CPU contention', () => {
  it('calls a machine oversubscribed when the threads would share cores with other work, and says what to set', () => {
    expect(contentionVerdict(2, 0.1, 2)).toMatchObject({ oversubscribed: false, summary: 'quiet: other processes keep 0.1 of 2 cores busy (/proc/stat)' });
    const busy = contentionVerdict(2, 1.0, 2);
    expect(busy.oversubscribed).toBe(true);
    expect(busy.summary).toMatch(/^oversubscribed: other processes keep 1\.0 of 2 cores busy \(\/proc\/stat\), and 2 threads would share them; .* Set MIMO_THREADS=1,/);
    expect(contentionVerdict(2, 1.0, 1)).toMatchObject({ oversubscribed: false, summary: 'other processes keep 1.0 of 2 cores busy (/proc/stat); 1 thread fit beside them' });
    expect(contentionVerdict(8, 2.9, 6).oversubscribed).toBe(true);
    expect(contentionVerdict(8, 2.9, 5).oversubscribed).toBe(false);
    // Even a fully busy machine leaves one thread to run with.
    expect(contentionVerdict(2, 5, 4)).toMatchObject({ busyElsewhere: 2, oversubscribed: true, summary: expect.stringContaining('MIMO_THREADS=1') });
  });

  (existsSync('/proc/stat') ? it : it.skip)('sees a process spinning on a core (Linux /proc/stat)', async () => {
    const spinner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const contention = await measureCpuContention(64, 500);
      // At least most of a core is the spinner's; other tests running beside this one can only add to it.
      expect(contention.busyElsewhere).toBeGreaterThan(0.7);
      expect(contention.oversubscribed).toBe(true);
    } finally {
      spinner.kill('SIGKILL');
    }
  });
});
