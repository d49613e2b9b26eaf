import * as zlib from 'zlib';
import { DataError } from '../errors/data-error';

/** One file inside a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

function findEndOfCentralDirectory(view: DataView, name: string): number {
  // The record is 22 bytes plus a comment of up to 65535 bytes, at the very end of the file.
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  throw new DataError({ file: name }, 'expected a zip archive (an end-of-central-directory record), received none (not a zip, or truncated)');
}

function bigToNumber(value: bigint, name: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new DataError({ file: name }, `expected zip offsets below 2^53, received ${value}`);
  return Number(value);
}

/** Sizes and offset that do not fit 32 bits are in the ZIP64 extra field (id 1), in this order. */
function applyZip64Extra(view: DataView, start: number, length: number, entry: ZipEntry, name: string): void {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      const next = () => bigToNumber(view.getBigUint64((field += 8) - 8, true), name);
      if (entry.size === MAX32) entry.size = next();
      if (entry.compressedSize === MAX32) entry.compressedSize = next();
      if (entry.localHeaderOffset === MAX32) entry.localHeaderOffset = next();
    }
    at += 4 + size;
  }
}

/** Lists a zip archive's files from its central directory (ZIP64 included). */
export function readZipEntries(bytes: Uint8Array, name: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view, name);
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const locator = eocd - 20;
  if (locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR) {
    const zip64 = bigToNumber(view.getBigUint64(locator + 8, true), name);
    if (view.getUint32(zip64, true) !== ZIP64_EOCD) throw new DataError({ file: name }, 'expected a ZIP64 end-of-central-directory record, received other bytes');
    count = bigToNumber(view.getBigUint64(zip64 + 32, true), name);
    offset = bigToNumber(view.getBigUint64(zip64 + 48, true), name);
  }
  const entries: ZipEntry[] = [];
  for (let i = 0, at = offset; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) {
      throw new DataError({ file: name }, `expected central directory entry ${i + 1} of ${count} at byte ${at}, received other bytes (corrupt archive)`);
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      crc32: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    applyZip64Extra(view, at + 46 + nameLength, extraLength, entry, name);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of one entry: stored entries as they are, deflated ones through zlib's inflateRaw. */
export function extractZipEntry(bytes: Uint8Array, entry: ZipEntry, archive: string): Uint8Array {
  const where = `${archive}:${entry.name}`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw new DataError({ file: where }, `expected a local file header at byte ${at}, received other bytes (corrupt archive)`);
  // The local header's own name and extra lengths can differ from the central directory's.
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new DataError({ file: where }, `expected ${entry.compressedSize} bytes of data, received ${bytes.length - start} (truncated archive)`);
  const stored = bytes.subarray(start, start + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) data = stored;
  else if (entry.method === 8) {
    try {
      data = zlib.inflateRawSync(stored);
    } catch (error) {
      throw new DataError({ file: where }, `expected deflated data, received bytes zlib cannot inflate (${(error as Error).message})`);
    }
  } else throw new DataError({ file: where }, `expected compression method 0 (stored) or 8 (deflate), received ${entry.method}`);
  if (data.length !== entry.size) throw new DataError({ file: where }, `expected ${entry.size} bytes after decompression, received ${data.length}`);
  if (zlib.crc32(data) !== entry.crc32) throw new DataError({ file: where }, 'expected data matching its CRC-32, received corrupt bytes');
  return data;
}
