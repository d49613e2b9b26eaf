import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import { DataError } from '../errors/data-error';

/** Element types an `NpyArray` holds once read (int64 is converted on reading, see `NpyReadOptions`). */
export type NpyDtype = 'uint8' | 'int32' | 'float32' | 'float64';
export type NpyData = Uint8Array | Int32Array | Float32Array | Float64Array;

/** A NumPy array in C (row-major) order. */
export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
  /** The descr the file declared, e.g. '<i8'. */
  descr: string;
}

export interface NpyReadOptions {
  /** What int64 becomes: 'int32' (an error names any value outside ±2^31) or 'float64' (exact up to ±2^53). Defaults to 'int32'. */
  int64?: 'int32' | 'float64';
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
type SourceType = NpyDtype | 'int64';
const DESCRS: Record<string, { type: SourceType; bytes: number }> = {
  u1: { type: 'uint8', bytes: 1 },
  i4: { type: 'int32', bytes: 4 },
  i8: { type: 'int64', bytes: 8 },
  f4: { type: 'float32', bytes: 4 },
  f8: { type: 'float64', bytes: 8 },
};
const SUPPORTED = "uint8 '|u1', int32 '<i4', int64 '<i8', float32 '<f4', float64 '<f8' (little endian)";

interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  dataOffset: number;
}

function parseHeader(bytes: Uint8Array, name: string): NpyHeader {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new DataError({ file: name }, 'expected a .npy file (magic \\x93NUMPY), received other bytes');
  }
  const major = bytes[6];
  if (major < 1 || major > 3) throw new DataError({ file: name }, `expected .npy format version 1, 2 or 3, received ${major}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerStart = major === 1 ? 10 : 12;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerStart + headerLength > bytes.length) throw new DataError({ file: name }, 'expected a complete .npy header, received a truncated file');
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shape === undefined) {
    throw new DataError({ file: name }, `expected a header dict with descr, fortran_order and shape (a plain dtype), received ${text.trim()}`);
  }
  const dims = shape
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) throw new DataError({ file: name }, `expected a shape of non-negative integers, received (${shape})`);
  return { descr, fortranOrder: fortran === 'True', shape: dims, dataOffset: headerStart + headerLength };
}

function elementType(descr: string, name: string): { type: SourceType; bytes: number } {
  const order = descr[0];
  const known = DESCRS[descr.slice(1)];
  if (!known || !'<>|='.includes(order)) throw new DataError({ file: name }, `expected a dtype of ${SUPPORTED}, received '${descr}'`);
  if (order === '>' && known.bytes > 1) throw new DataError({ file: name }, `expected little-endian data, received big-endian '${descr}'`);
  return known;
}

function int64Values(raw: Uint8Array, count: number, target: 'int32' | 'float64', name: string): Int32Array | Float64Array {
  const source = new BigInt64Array(raw.buffer, raw.byteOffset, count);
  const out = target === 'int32' ? new Int32Array(count) : new Float64Array(count);
  const [min, max] = target === 'int32' ? [-(2n ** 31n), 2n ** 31n - 1n] : [-(2n ** 53n), 2n ** 53n];
  for (let i = 0; i < count; i++) {
    const value = source[i];
    if (value < min || value > max) {
      const hint = target === 'int32' ? " (read it with int64: 'float64')" : '';
      throw new DataError({ file: name }, `expected int64 values that fit ${target}, received ${value} at index ${i}${hint}`);
    }
    out[i] = Number(value);
  }
  return out;
}

/** Fortran (column-major) data reordered to C order, so every NpyArray reads the same way. */
function toCOrder<T extends NpyData>(data: T, shape: readonly number[]): T {
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const strides = shape.map((_, axis) => shape.slice(0, axis).reduce((a, b) => a * b, 1));
  const index = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < data.length; c++) {
    out[c] = data[index.reduce((sum, i, axis) => sum + i * strides[axis], 0)];
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      if (++index[axis] < shape[axis]) break;
      index[axis] = 0;
    }
  }
  return out;
}

/** Parses a .npy file's bytes; `name` is what errors call it (a path, or archive:entry). */
export function parseNpy(bytes: Uint8Array, name: string, options: NpyReadOptions = {}): NpyArray {
  const header = parseHeader(bytes, name);
  const { type, bytes: itemBytes } = elementType(header.descr, name);
  const count = header.shape.reduce((a, b) => a * b, 1);
  const available = bytes.length - header.dataOffset;
  if (available < count * itemBytes) {
    throw new DataError({ file: name }, `expected ${count * itemBytes} bytes of data for shape (${header.shape.join(', ')}), received ${available}`);
  }
  // A copy starts at offset 0 of its own buffer, so typed-array views are aligned (Buffer#slice would not copy).
  const raw = new Uint8Array(bytes.subarray(header.dataOffset, header.dataOffset + count * itemBytes));
  const data: NpyData =
    type === 'int64'
      ? int64Values(raw, count, options.int64 ?? 'int32', name)
      : type === 'uint8'
        ? raw
        : type === 'int32'
          ? new Int32Array(raw.buffer, 0, count)
          : type === 'float32'
            ? new Float32Array(raw.buffer, 0, count)
            : new Float64Array(raw.buffer, 0, count);
  const dtype: NpyDtype = data instanceof Uint8Array ? 'uint8' : data instanceof Int32Array ? 'int32' : data instanceof Float32Array ? 'float32' : 'float64';
  return {
    dtype,
    shape: header.shape,
    data: header.fortranOrder && header.shape.length > 1 ? toCOrder(data, header.shape) : data,
    descr: header.descr,
  };
}

export async function readNpy(file: string, options: NpyReadOptions = {}): Promise<NpyArray> {
  return parseNpy(await fs.readFile(file), file, options);
}

/** A tensor of the array: uint8 becomes int32 and float64 float32 (the dtypes tfjs has). */
export function npyToTensor(array: NpyArray): tf.Tensor {
  const dtype = array.dtype === 'uint8' || array.dtype === 'int32' ? 'int32' : 'float32';
  const values = array.dtype === 'int32' || array.dtype === 'float32' ? array.data : dtype === 'int32' ? Int32Array.from(array.data) : Float32Array.from(array.data);
  return tf.tensor(values, array.shape, dtype);
}
