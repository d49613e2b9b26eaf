import { crc32c } from '@node-rs/crc32';
import { promises as fs } from 'fs';
import * as protobuf from 'protobufjs';
import { HistogramProto } from './histogram';

/**
 * Reads an event file back with code independent of the writer: framing parsed by hand with
 * `@node-rs/crc32`'s crc32c (every CRC checked), events decoded by protobufjs from TensorFlow's
 * own field numbers.
 */

const root = protobuf.parse(`
  syntax = "proto3";
  message HistogramProto {
    double min = 1; double max = 2; double num = 3; double sum = 4; double sum_squares = 5;
    repeated double bucket_limit = 6 [packed = true];
    repeated double bucket = 7 [packed = true];
  }
  message Summary {
    message Value {
      string tag = 1;
      oneof value { float simple_value = 2; HistogramProto histo = 5; }
    }
    repeated Value value = 1;
  }
  message Event {
    double wall_time = 1;
    int64 step = 2;
    oneof what { string file_version = 3; Summary summary = 5; }
  }
`).root;
const EventType = root.lookupType('Event');

export interface DecodedEvent {
  wallTime: number;
  step: number;
  fileVersion?: string;
  summary?: { value: Array<{ tag: string; simpleValue?: number; histo?: HistogramProto }> };
}

function masked(bytes: Uint8Array): number {
  const crc = crc32c(Buffer.from(bytes)) >>> 0;
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** Every record's payload; throws on a bad CRC or a truncated record. */
export async function readRecords(file: string): Promise<Uint8Array[]> {
  const bytes = await fs.readFile(file);
  const records: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const length = Number(bytes.readBigUInt64LE(at));
    if (bytes.readUInt32LE(at + 8) !== masked(bytes.subarray(at, at + 8))) throw new Error(`bad length CRC at ${at}`);
    const data = bytes.subarray(at + 12, at + 12 + length);
    if (data.length !== length) throw new Error(`truncated record at ${at}`);
    if (bytes.readUInt32LE(at + 12 + length) !== masked(data)) throw new Error(`bad data CRC at ${at}`);
    records.push(data);
    at += 12 + length + 4;
  }
  return records;
}

export async function readEvents(file: string): Promise<DecodedEvent[]> {
  return (await readRecords(file)).map(
    (record) => EventType.toObject(EventType.decode(record), { longs: Number, defaults: true }) as DecodedEvent,
  );
}
