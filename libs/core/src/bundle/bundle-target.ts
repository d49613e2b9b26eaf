import { promises as fs } from 'fs';
import * as path from 'path';

/** A folder a bundle or checkpoint may not be written into, and why. */
export class BundleTargetError extends Error {
  constructor(
    readonly dir: string,
    message: string,
  ) {
    super(message);
    this.name = 'BundleTargetError';
  }
}

/** The files that make a folder a Mimo bundle: saving may replace such a folder whole. */
const BUNDLE_MARKERS = ['model.json', 'spec.json'];

export interface BundleTargetOptions {
  /** Replace a folder that is not a Mimo bundle too (the CLI's `--overwrite`). A file is never replaced. */
  overwrite?: boolean;
}

/**
 * Checks that a bundle may be written to `dir`: it is absent, an empty folder or a Mimo bundle (which saving
 * replaces whole), or `overwrite` is set. Anything else — a file, a folder of other things — is refused, naming
 * it, so that saving never deletes what a user keeps there.
 */
export async function checkBundleTarget(dir: string, options: BundleTargetOptions = {}): Promise<void> {
  const target = path.resolve(dir);
  let stat;
  try {
    stat = await fs.lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!stat.isDirectory()) throw new BundleTargetError(target, `refusing to write a bundle to ${target}: it is a file, not a folder`);
  const entries = await fs.readdir(target);
  if (entries.length === 0 || options.overwrite || BUNDLE_MARKERS.every((marker) => entries.includes(marker))) return;
  const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? `, … (${entries.length} entries)` : '');
  throw new BundleTargetError(target, `refusing to replace ${target}: it is not a Mimo bundle (it holds ${shown}); choose another folder, or overwrite it explicitly (--overwrite)`);
}
