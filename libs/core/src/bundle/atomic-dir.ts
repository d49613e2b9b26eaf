import { promises as fs } from 'fs';
import * as path from 'path';

/**
 * Writes a folder so that readers see either the old folder or the complete new one, never a half-written
 * one: files go to a sibling temp folder, are flushed, and the folder is renamed into place.
 */
export async function writeDirAtomically(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  const target = path.resolve(dir);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const existing = await fs.lstat(target).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new Error(`refusing to replace ${target}: it is a file, not a folder`);
  const suffix = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const temp = `${target}.tmp-${suffix}`;
  await fs.mkdir(temp);
  try {
    for (const [name, content] of Object.entries(files)) {
      const handle = await fs.open(path.join(temp, name), 'w');
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    const previous = `${target}.old-${suffix}`;
    const hadPrevious = await fs
      .rename(target, previous)
      .then(() => true)
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      });
    await fs.rename(temp, target);
    if (hadPrevious) await fs.rm(previous, { recursive: true, force: true });
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true });
    throw error;
  }
}
