import * as protobuf from 'protobufjs';
import { ProtoWriter } from './proto-writer';

// An independent decoder: protobufjs with a schema that uses every encoding the writer has.
const root = protobuf.parse(`
  syntax = "proto3";
  message Inner { string name = 1; }
  message Probe {
    int64 big = 1;
    double d = 2;
    float f = 3;
    string s = 4;
    Inner inner = 5;
    repeated double packed = 6;
  }
`).root;
const Probe = root.lookupType('Probe');

function decode(bytes: Uint8Array): Record<string, unknown> {
  return Probe.toObject(Probe.decode(bytes), { longs: String });
}

describe('ProtoWriter', () => {
  it('encodes every field kind so that protobufjs decodes it', () => {
    const inner = new ProtoWriter().string(1, 'héllo').finish();
    const bytes = new ProtoWriter()
      .int64(1, 2 ** 40 + 3)
      .double(2, Math.PI)
      .float(3, 0.1)
      .string(4, 'tag/with/slashes')
      .bytesField(5, inner)
      .packedDoubles(6, [1.5, -2, Number.MAX_VALUE])
      .finish();
    const probe = decode(bytes);
    expect(probe.big).toBe(String(2 ** 40 + 3));
    expect(probe.d).toBe(Math.PI);
    expect(probe.f).toBe(Math.fround(0.1));
    expect(probe.s).toBe('tag/with/slashes');
    expect(probe.inner).toEqual({ name: 'héllo' });
    expect(probe.packed).toEqual([1.5, -2, Number.MAX_VALUE]);
  });

  it('writes negative int64 as ten-byte two’s complement', () => {
    const bytes = new ProtoWriter().int64(1, -5).finish();
    expect(bytes.length).toBe(11);
    expect(decode(bytes).big).toBe('-5');
  });

  it('rejects an int64 that is not a safe integer', () => {
    expect(() => new ProtoWriter().int64(2, 1.5)).toThrow('expected a safe integer. Received: 1.5');
  });
});
