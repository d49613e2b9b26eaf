import { measureInterleaved, RepeatedRun, trainingRun } from './measure';

/** A run that logs its calls into `log` and returns `rates` in turn (an Error is thrown instead). */
function fakeRun(name: string, log: string[], rates: Array<number | Error>, slow = false): RepeatedRun {
  let next = 0;
  return {
    warmUp: async () => {
      log.push(`${name}:warm`);
      return slow;
    },
    repetition: async () => {
      log.push(`${name}:rep`);
      const rate = rates[next++];
      if (rate instanceof Error) throw rate;
      return rate;
    },
  };
}

const options = { repetitions: 3, minSeconds: 0, warmup: { steps: 1, seconds: 0 } };

describe('measureInterleaved', () => {
  it('warms every run up, then takes one repetition of each per round, and summarises each', async () => {
    const log: string[] = [];
    const [a, b] = await measureInterleaved([fakeRun('a', log, [10, 30, 20]), fakeRun('b', log, [4, 4, 6])], options);
    expect(log).toEqual(['a:warm', 'b:warm', 'a:rep', 'b:rep', 'a:rep', 'b:rep', 'a:rep', 'b:rep']);
    expect(a).toEqual({ samplesPerSecond: [10, 30, 20], median: 20, spread: 1 });
    expect(b).toEqual({ samplesPerSecond: [4, 4, 6], median: 4, spread: 0.5 });
  });

  it('times a run whose warm-up says it is slow once, and reports a run that throws as failing without stopping the others', async () => {
    const log: string[] = [];
    const runs = [fakeRun('slow', log, [1], true), fakeRun('broken', log, [5, new Error('out of memory\nstack…')]), fakeRun('ok', log, [7, 7, 7])];
    const [slow, broken, ok] = await measureInterleaved(runs, options);
    expect(log.filter((call) => call.endsWith('rep'))).toEqual(['slow:rep', 'broken:rep', 'ok:rep', 'broken:rep', 'ok:rep', 'ok:rep']);
    expect(slow).toEqual({ samplesPerSecond: [1], median: 1, spread: 0 });
    expect(broken).toBe('fails: out of memory');
    expect(ok).toMatchObject({ median: 7 });
  });
});

describe('trainingRun', () => {
  /** A training whose steps take about `ms` each, counted. */
  const counted = (ms: number) => {
    const training = { steps: 0, step: async () => void (training.steps++, await new Promise((resolve) => setTimeout(resolve, ms))), dispose: () => undefined };
    return training;
  };

  it('warms up for at least the steps and at least the seconds asked for', async () => {
    const byCount = counted(1);
    expect(await trainingRun(byCount, 4, { steps: 3, seconds: 0 }).warmUp()).toBe(false);
    expect(byCount.steps).toBe(3);

    const byTime = counted(5);
    const start = performance.now();
    await trainingRun(byTime, 4, { steps: 2, seconds: 0.1 }).warmUp();
    expect(performance.now() - start).toBeGreaterThanOrEqual(100);
    expect(byTime.steps).toBeGreaterThan(2);
  });
});
