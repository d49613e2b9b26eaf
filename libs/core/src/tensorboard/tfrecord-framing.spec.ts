import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RecordReader } from 'tfrecord';
import { frameRecord } from './tfrecord-framing';

describe('frameRecord', () => {
  it('lays out length, its CRC, the data and its CRC', () => {
    const framed = frameRecord(Uint8Array.of(1, 2, 3));
    expect(framed.length).toBe(8 + 4 + 3 + 4);
    expect(Array.from(framed.subarray(0, 8))).toEqual([3, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(framed.subarray(12, 15))).toEqual([1, 2, 3]);
  });

  it('is read back by an independent TFRecord reader, which checks both CRCs', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-tfrecord-'));
    try {
      const payloads = [new Uint8Array(0), Uint8Array.of(42), Uint8Array.from({ length: 5000 }, (_, i) => i & 0xff)];
      const file = path.join(dir, 'records.tfrecord');
      await fs.writeFile(file, Buffer.concat(payloads.map((p) => frameRecord(p))));
      const reader = await RecordReader.create(file);
      for (const payload of payloads) {
        const record = await reader.readRecord();
        expect(record && Array.from(record)).toEqual(Array.from(payload));
      }
      expect(await reader.readRecord()).toBeNull();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
