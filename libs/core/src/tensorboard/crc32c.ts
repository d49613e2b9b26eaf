/**
 * CRC32C (Castagnoli, reflected polynomial 0x82F63B78), table-driven, and TensorFlow's masked form.
 * TFRecord framing checksums every length and payload with the *masked* CRC, because a CRC of data
 * that itself contains CRCs is weak (TF's `crc32c::Mask`).
 */

const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC32C of `bytes` as an unsigned 32-bit integer. */
export function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** TensorFlow's mask: rotate right by 15 bits, add 0xa282ead8, as uint32. */
export function maskCrc32c(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** `maskCrc32c(crc32c(bytes))`: the checksum a TFRecord stores. */
export function maskedCrc32c(bytes: Uint8Array): number {
  return maskCrc32c(crc32c(bytes));
}
