import { promises as fs } from 'fs';
import * as path from 'path';
import { npyBytes, useTempDir, zipBytes } from '../testing/fixtures';
import { parseNpz, readNpz } from './npz';
import { readZipEntries } from './zip';

const dir = useTempDir();
const images = npyBytes('|u1', [2, 2, 2], Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]));
const labels = npyBytes('<i8', [2, 1], BigInt64Array.from([0n, 1n]));

describe('npz', () => {
  it('reads stored and deflated entries by key', async () => {
    const file = path.join(dir(), 'set.npz');
    await fs.writeFile(file, zipBytes([{ name: 'train_images.npy', data: images }, { name: 'train_labels.npy', data: labels, deflate: true }, { name: 'README', data: new Uint8Array(3) }]));
    const arrays = await readNpz(file);
    expect(Object.keys(arrays)).toEqual(['train_images', 'train_labels']);
    expect(arrays.train_images).toMatchObject({ dtype: 'uint8', shape: [2, 2, 2] });
    expect(arrays.train_labels).toMatchObject({ dtype: 'int32', shape: [2, 1], data: Int32Array.from([0, 1]) });
  });

  it('names archive and entry for an unsupported dtype', () => {
    const bytes = zipBytes([{ name: 'x.npy', data: npyBytes('<c16', [1], new Float64Array(2)), deflate: true }]);
    expect(() => parseNpz(bytes, 'bad.npz')).toThrow("bad.npz:x.npy: expected a dtype of uint8 '|u1', int32 '<i4', int64 '<i8', float32 '<f4', float64 '<f8' (little endian), received '<c16'");
  });

  it('detects corrupt and truncated archives', () => {
    const bytes = zipBytes([{ name: 'a.npy', data: images }]);
    const flipped = Uint8Array.from(bytes);
    flipped[60] ^= 0xff; // inside the stored data
    expect(() => parseNpz(flipped, 'a.npz')).toThrow('a.npz:a.npy: expected data matching its CRC-32, received corrupt bytes');
    expect(() => parseNpz(bytes.subarray(0, bytes.length - 30), 'cut.npz')).toThrow(
      'cut.npz: expected a zip archive (an end-of-central-directory record), received none (not a zip, or truncated)',
    );
    const deflated = zipBytes([{ name: 'a.npy', data: images, deflate: true }]);
    const broken = Uint8Array.from(deflated);
    broken.fill(0xff, 30 + 5, 30 + 5 + 8);
    expect(() => parseNpz(broken, 'd.npz')).toThrow(/^d\.npz:a\.npy: expected (deflated data, received bytes zlib cannot inflate|\d+ bytes after decompression|data matching its CRC-32)/);
  });

  it('lists entries from the central directory', () => {
    expect(readZipEntries(zipBytes([{ name: 'a.npy', data: images, deflate: true }]), 'z.npz')).toEqual([
      expect.objectContaining({ name: 'a.npy', method: 8, size: images.length }),
    ]);
  });
});
