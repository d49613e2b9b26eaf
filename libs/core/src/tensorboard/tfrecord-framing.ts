import { maskedCrc32c } from './crc32c';

/**
 * One TFRecord: `uint64 LE length | masked crc32c(length bytes) | data | masked crc32c(data)`,
 * every integer little-endian. TensorBoard reads event files as a sequence of these.
 */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + 4 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length >>> 0, true);
  view.setUint32(4, Math.floor(data.length / 0x100000000), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}
