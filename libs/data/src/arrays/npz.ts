import { promises as fs } from 'fs';
import { NpyArray, NpyReadOptions, parseNpy } from './npy';
import { extractZipEntry, readZipEntries } from './zip';

/** Parses an .npz archive (`numpy.savez` / `savez_compressed`): each `<key>.npy` entry becomes `arrays[key]`. */
export function parseNpz(bytes: Uint8Array, name: string, options: NpyReadOptions = {}): Record<string, NpyArray> {
  const arrays: Record<string, NpyArray> = {};
  for (const entry of readZipEntries(bytes, name)) {
    if (!entry.name.endsWith('.npy')) continue;
    arrays[entry.name.slice(0, -4)] = parseNpy(extractZipEntry(bytes, entry, name), `${name}:${entry.name}`, options);
  }
  return arrays;
}

export async function readNpz(file: string, options: NpyReadOptions = {}): Promise<Record<string, NpyArray>> {
  return parseNpz(await fs.readFile(file), file, options);
}
