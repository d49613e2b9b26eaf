import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { encodeEvent, EVENT_FILE_VERSION, SummaryValue } from './event-proto';
import { computeHistogram } from './histogram';
import { frameRecord } from './tfrecord-framing';

/**
 * Writes TensorBoard event files (`events.out.tfevents.<unix seconds>.<hostname>`) with no native
 * TensorFlow: each event is a hand-encoded protobuf in a TFRecord frame. `scalar` and `histogram`
 * only buffer; `flush` appends the buffered records to the file, so a training loop pays for I/O
 * once per flush, not per value.
 *
 * Non-finite scalars (NaN, ±Infinity) are written as they are, as IEEE float32 values, the way
 * TensorFlow's `tf.summary.scalar` does, so a diverging loss shows up in TensorBoard instead of
 * vanishing. Histograms leave non-finite values out (see `computeHistogram`).
 */
export class TensorBoardWriter {
  private pending: Uint8Array[] = [];
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(readonly path: string) {}

  /**
   * Creates `logDir` (and its parents) and a new event file in it whose first record carries
   * file_version "brain.Event:2". When a file of that name already exists (two writers in the same
   * second), `.1`, `.2`, … is appended; TensorBoard reads any file whose name contains "tfevents".
   */
  static async create(logDir: string): Promise<TensorBoardWriter> {
    await fs.mkdir(logDir, { recursive: true });
    const now = Date.now() / 1000;
    const base = path.join(logDir, `events.out.tfevents.${Math.floor(now)}.${os.hostname()}`);
    const header = frameRecord(encodeEvent({ wallTime: now, step: 0, fileVersion: EVENT_FILE_VERSION }));
    for (let n = 0; ; n++) {
      const file = n === 0 ? base : `${base}.${n}`;
      try {
        await fs.writeFile(file, header, { flag: 'wx' });
        return new TensorBoardWriter(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  /** Buffers one scalar (stored as float32, as TensorBoard's `simple_value` is). */
  scalar(tag: string, value: number, step: number): void {
    this.add(step, { tag: checkTag(tag), simpleValue: value });
  }

  /** Buffers a histogram of `values` (TensorFlow's exponential buckets; non-finite values left out). */
  histogram(tag: string, values: ArrayLike<number>, step: number): void {
    this.add(step, { tag: checkTag(tag), histo: computeHistogram(values) });
  }

  /**
   * Appends the buffered records to the file; calls are serialised, so records keep their order.
   * A failed append rejects this call only (its records are lost); later flushes still write.
   */
  flush(): Promise<void> {
    const records = this.pending;
    this.pending = [];
    const append = this.writing
      .catch(() => undefined)
      .then(() => (records.length === 0 ? undefined : fs.appendFile(this.path, Buffer.concat(records))));
    this.writing = append;
    return append;
  }

  /** Flushes, then refuses further values. Closing twice is harmless. */
  async close(): Promise<void> {
    const flushed = this.flush();
    this.closed = true;
    await flushed;
  }

  private add(step: number, value: SummaryValue): void {
    if (this.closed) throw new Error(`TensorBoardWriter for ${this.path} is closed`);
    if (!Number.isSafeInteger(step)) throw new Error(`Received an invalid value for \`step\`, expected an integer. Received: step=${step}`);
    this.pending.push(frameRecord(encodeEvent({ wallTime: Date.now() / 1000, step, summary: [value] })));
  }
}

function checkTag(tag: string): string {
  if (typeof tag !== 'string' || tag.length === 0) throw new Error(`Received an invalid value for \`tag\`, expected a non-empty string. Received: tag=${JSON.stringify(tag)}`);
  return tag;
}
