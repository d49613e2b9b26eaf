import { HistogramProto } from './histogram';
import { ProtoWriter } from './proto-writer';

/**
 * Encoders for the subset of TensorFlow's `Event` / `Summary` / `HistogramProto` messages
 * (tensorflow/core/util/event.proto, framework/summary.proto) that scalars and histograms need:
 *
 *   Event          { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
 *   Summary        { repeated Value value = 1; }
 *   Summary.Value  { string tag = 1; float simple_value = 2; HistogramProto histo = 5; }
 *   HistogramProto { double min = 1, max = 2, num = 3, sum = 4, sum_squares = 5;
 *                    repeated double bucket_limit = 6 [packed], bucket = 7 [packed]; }
 */

/** The file_version TensorBoard expects in the first record of an event file. */
export const EVENT_FILE_VERSION = 'brain.Event:2';

export type SummaryValue = { tag: string; simpleValue: number } | { tag: string; histo: HistogramProto };

export interface EventMessage {
  /** Seconds since the epoch. */
  wallTime: number;
  step: number;
  fileVersion?: string;
  summary?: SummaryValue[];
}

function encodeHistogram(h: HistogramProto): Uint8Array {
  return new ProtoWriter()
    .double(1, h.min)
    .double(2, h.max)
    .double(3, h.num)
    .double(4, h.sum)
    .double(5, h.sumSquares)
    .packedDoubles(6, h.bucketLimit)
    .packedDoubles(7, h.bucket)
    .finish();
}

function encodeValue(value: SummaryValue): Uint8Array {
  const writer = new ProtoWriter().string(1, value.tag);
  // simple_value and histo sit in a oneof, so each is written even when it is zero.
  return 'simpleValue' in value ? writer.float(2, value.simpleValue).finish() : writer.bytesField(5, encodeHistogram(value.histo)).finish();
}

export function encodeEvent(event: EventMessage): Uint8Array {
  const writer = new ProtoWriter().double(1, event.wallTime).int64(2, event.step);
  if (event.fileVersion !== undefined) writer.string(3, event.fileVersion);
  if (event.summary !== undefined) {
    const summary = new ProtoWriter();
    for (const value of event.summary) summary.bytesField(1, encodeValue(value));
    writer.bytesField(5, summary.finish());
  }
  return writer.finish();
}
