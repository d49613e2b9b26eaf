import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RecordReader } from 'tfrecord';
import { readEvents, readRecords } from './event-file.test-helper';
import { TensorBoardWriter } from './tensorboard-writer';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-tensorboard-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('TensorBoardWriter', () => {
  it('creates the log dir and a file named events.out.tfevents.<seconds>.<hostname>', async () => {
    const logDir = path.join(dir, 'nested', 'run-1');
    const writer = await TensorBoardWriter.create(logDir);
    await writer.close();
    expect(path.dirname(writer.path)).toBe(logDir);
    expect(path.basename(writer.path)).toMatch(new RegExp(`^events\\.out\\.tfevents\\.\\d{10}\\.${os.hostname().replace(/\./g, '\\.')}$`));
  });

  it('starts with a brain.Event:2 file_version record', async () => {
    const writer = await TensorBoardWriter.create(dir);
    await writer.close();
    const events = await readEvents(writer.path);
    expect(events).toHaveLength(1);
    expect(events[0].fileVersion).toBe('brain.Event:2');
    expect(events[0].wallTime).toBeGreaterThan(1e9);
  });

  it('writes scalars with their tags, steps and float32 values', async () => {
    const writer = await TensorBoardWriter.create(dir);
    writer.scalar('loss', 0.1, 0);
    writer.scalar('loss', 0.05, 1);
    writer.scalar('val/accuracy', 123456.789, 2 ** 40);
    await writer.close();
    const [, ...events] = await readEvents(writer.path);
    expect(events.map((e) => [e.step, e.summary?.value[0].tag, e.summary?.value[0].simpleValue])).toEqual([
      [0, 'loss', Math.fround(0.1)],
      [1, 'loss', Math.fround(0.05)],
      [2 ** 40, 'val/accuracy', Math.fround(123456.789)],
    ]);
  });

  it('writes NaN and ±Infinity scalars as they are', async () => {
    const writer = await TensorBoardWriter.create(dir);
    writer.scalar('loss', NaN, 1);
    writer.scalar('loss', Infinity, 2);
    writer.scalar('loss', -Infinity, 3);
    await writer.close();
    const values = (await readEvents(writer.path)).slice(1).map((e) => e.summary?.value[0].simpleValue);
    expect(values).toEqual([NaN, Infinity, -Infinity]);
  });

  it('writes histograms whose bucket counts sum to num', async () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3 + (i % 7));
    const writer = await TensorBoardWriter.create(dir);
    writer.histogram('dense/kernel', values, 7);
    writer.histogram('with-nan', [1, NaN, 2], 8);
    await writer.close();
    const [, kernel, withNan] = await readEvents(writer.path);
    const histo = kernel.summary?.value[0].histo;
    expect(kernel.step).toBe(7);
    expect(kernel.summary?.value[0].tag).toBe('dense/kernel');
    expect(histo?.num).toBe(1000);
    expect(histo?.min).toBe(Math.min(...values));
    expect(histo?.max).toBe(Math.max(...values));
    expect(histo?.sum).toBeCloseTo(values.reduce((a, b) => a + b, 0), 6);
    expect(histo?.bucket.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(histo?.bucket.length).toBe(histo?.bucketLimit.length);
    expect(withNan.summary?.value[0].histo).toMatchObject({ num: 2, min: 1, max: 2, sum: 3 });
  });

  it('checks every record with an independent TFRecord reader too', async () => {
    const writer = await TensorBoardWriter.create(dir);
    writer.scalar('a', 1, 1);
    writer.histogram('b', [1, 2, 3], 1);
    await writer.close();
    const reader = await RecordReader.create(writer.path);
    let count = 0;
    while (await reader.readRecord()) count++;
    expect(count).toBe(3);
  });

  it('buffers until flush, then appends; later flushes append after earlier ones', async () => {
    const writer = await TensorBoardWriter.create(dir);
    writer.scalar('x', 1, 1);
    expect(await readRecords(writer.path)).toHaveLength(1); // only file_version so far
    await writer.flush();
    expect(await readRecords(writer.path)).toHaveLength(2);
    writer.scalar('x', 2, 2);
    writer.scalar('x', 3, 3);
    const first = writer.flush();
    writer.scalar('x', 4, 4);
    await Promise.all([first, writer.flush()]);
    const steps = (await readEvents(writer.path)).slice(1).map((e) => e.step);
    expect(steps).toEqual([1, 2, 3, 4]);
    await writer.close();
    await writer.close();
    expect(() => writer.scalar('x', 5, 5)).toThrow('is closed');
  });

  it('never overwrites another writer’s file in the same directory', async () => {
    const [a, b] = await Promise.all([TensorBoardWriter.create(dir), TensorBoardWriter.create(dir)]);
    expect(a.path).not.toBe(b.path);
    await Promise.all([a.close(), b.close()]);
    expect((await fs.readdir(dir)).every((name) => name.includes('tfevents'))).toBe(true);
  });

  it('rejects an empty tag and a non-integer step', async () => {
    const writer = await TensorBoardWriter.create(dir);
    expect(() => writer.scalar('', 1, 0)).toThrow('expected a non-empty string');
    expect(() => writer.scalar('x', 1, 0.5)).toThrow('Received: step=0.5');
    await writer.close();
  });
});
