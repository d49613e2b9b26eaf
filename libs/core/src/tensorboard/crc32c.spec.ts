import { crc32c as referenceCrc32c } from '@node-rs/crc32';
import { crc32c, maskCrc32c, maskedCrc32c } from './crc32c';

describe('crc32c', () => {
  it('matches the published check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });

  it('agrees with an independent implementation on arbitrary bytes', () => {
    for (const length of [1, 7, 8, 255, 1024]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
      expect(crc32c(bytes)).toBe(referenceCrc32c(Buffer.from(bytes)) >>> 0);
    }
  });

  it("masks as TensorFlow does, as an unsigned 32-bit value", () => {
    const crc = 0xe3069283;
    const expected = (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
    expect(maskCrc32c(crc)).toBe(expected);
    expect(maskedCrc32c(Buffer.from('123456789'))).toBe(expected);
    expect(maskCrc32c(0xffffffff)).toBeGreaterThanOrEqual(0);
  });
});
