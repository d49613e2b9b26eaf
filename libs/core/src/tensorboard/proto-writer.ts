/**
 * The few protobuf wire-format encodings TensorBoard's event protos need, written by hand so the
 * writer has no dependency: varints (wire type 0), fixed64 doubles (1), length-delimited bytes,
 * strings, sub-messages and packed repeated doubles (2), and fixed32 floats (5).
 */

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

const textEncoder = new TextEncoder();

export class ProtoWriter {
  private readonly bytes: number[] = [];
  private readonly scratch = new DataView(new ArrayBuffer(8));

  /** An int64 field; negative values take ten bytes (two's complement), as protobuf specifies. */
  int64(field: number, value: number): this {
    if (!Number.isSafeInteger(value)) throw new Error(`Received an invalid int64 for field ${field}, expected a safe integer. Received: ${value}`);
    this.tag(field, WIRE_VARINT);
    this.varint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  double(field: number, value: number): this {
    this.tag(field, WIRE_FIXED64);
    this.scratch.setFloat64(0, value, true);
    this.pushScratch(8);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    this.scratch.setFloat32(0, value, true);
    this.pushScratch(4);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytesField(field, textEncoder.encode(value));
  }

  /** A nested message (or any length-delimited payload). */
  bytesField(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.varint(BigInt(value.length));
    for (let i = 0; i < value.length; i++) this.bytes.push(value[i]);
    return this;
  }

  /** A packed `repeated double` (proto3's default encoding for repeated scalars). */
  packedDoubles(field: number, values: ArrayLike<number>): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.varint(BigInt(values.length * 8));
    for (let i = 0; i < values.length; i++) {
      this.scratch.setFloat64(0, values[i], true);
      this.pushScratch(8);
    }
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  private tag(field: number, wireType: number): void {
    this.varint(BigInt((field << 3) | wireType));
  }

  private varint(value: bigint): void {
    let rest = value;
    while (rest >= 0x80n) {
      this.bytes.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.bytes.push(Number(rest));
  }

  private pushScratch(length: number): void {
    for (let i = 0; i < length; i++) this.bytes.push(this.scratch.getUint8(i));
  }
}
