import { npyBytes } from '../testing/fixtures';
import { npyToTensor, parseNpy } from './npy';

describe('parseNpy', () => {
  it.each([
    ['|u1', Uint8Array.from([0, 200, 255]), 'uint8'],
    ['<i4', Int32Array.from([-5, 0, 70000]), 'int32'],
    ['<f4', Float32Array.from([0.5, -1.25, 3]), 'float32'],
    ['<f8', Float64Array.from([1e300, -2.5, 0]), 'float64'],
  ] as const)('reads %s with its shape', (descr, data, dtype) => {
    const array = parseNpy(npyBytes(descr, [3], data), 'a.npy');
    expect(array).toEqual({ dtype, shape: [3], data, descr });
  });

  it('reads int64 as int32 (range-checked) or float64', () => {
    const data = BigInt64Array.from([1n, -2n, 2n ** 40n]);
    expect(Array.from(parseNpy(npyBytes('<i8', [3], data), 'a.npy', { int64: 'float64' }).data)).toEqual([1, -2, 2 ** 40]);
    expect(Array.from(parseNpy(npyBytes('<i8', [2], BigInt64Array.from([7n, -(2n ** 31n)])), 'a.npy').data)).toEqual([7, -(2 ** 31)]);
    expect(() => parseNpy(npyBytes('<i8', [3], data), 'a.npy')).toThrow(
      "a.npy: expected int64 values that fit int32, received 1099511627776 at index 2 (read it with int64: 'float64')",
    );
    expect(() => parseNpy(npyBytes('<i8', [1], BigInt64Array.from([2n ** 60n])), 'a.npy', { int64: 'float64' })).toThrow(
      'a.npy: expected int64 values that fit float64, received 1152921504606846976 at index 0',
    );
  });

  it('reads multi-dimensional arrays in C order, reordering Fortran order, and format version 2', () => {
    const c = parseNpy(npyBytes('<i4', [2, 3], Int32Array.from([0, 1, 2, 3, 4, 5]), { version: 2 }), 'c.npy');
    expect(npyToTensor(c).arraySync()).toEqual([[0, 1, 2], [3, 4, 5]]);
    // column-major bytes of [[0, 1, 2], [3, 4, 5]]
    const f = parseNpy(npyBytes('<i4', [2, 3], Int32Array.from([0, 3, 1, 4, 2, 5]), { fortran: true }), 'f.npy');
    expect(Array.from(f.data)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(parseNpy(npyBytes('<f4', [], Float32Array.from([7])), 's.npy').shape).toEqual([]);
  });

  it.each([
    ['an unsupported dtype', npyBytes('<f2', [1], new Uint16Array(1)), "a.npy: expected a dtype of uint8 '|u1', int32 '<i4', int64 '<i8', float32 '<f4', float64 '<f8' (little endian), received '<f2'"],
    ['big-endian data', npyBytes('>f4', [1], new Float32Array(1)), "a.npy: expected little-endian data, received big-endian '>f4'"],
    ['a structured dtype', npyBytes("[('x', '<f4')]", [1], new Float32Array(1)), 'a.npy: expected a header dict with descr, fortran_order and shape (a plain dtype)'],
    ['too few data bytes', npyBytes('<f4', [4], new Float32Array(3)), 'a.npy: expected 16 bytes of data for shape (4), received 12'],
    ['other bytes', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'a.npy: expected a .npy file (magic \\x93NUMPY), received other bytes'],
  ])('rejects %s, naming the file', (_, bytes, message) => {
    expect(() => parseNpy(bytes, 'a.npy')).toThrow(message);
  });

  it('makes tensors of the dtypes tfjs has', () => {
    const u8 = npyToTensor(parseNpy(npyBytes('|u1', [2], Uint8Array.from([1, 255])), 'u.npy'));
    expect([u8.dtype, u8.arraySync()]).toEqual(['int32', [1, 255]]);
    const f64 = npyToTensor(parseNpy(npyBytes('<f8', [1], Float64Array.from([0.5])), 'f.npy'));
    expect([f64.dtype, f64.arraySync()]).toEqual(['float32', [0.5]]);
  });
});
