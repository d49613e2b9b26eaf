import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/** Whether an npm package can be resolved from here, without loading it. */
export interface PackageInfo {
  name: string;
  installed: boolean;
  /** `version` from its package.json, when installed. */
  version?: string;
  /** Folder holding its package.json, when installed. */
  dir?: string;
}

/**
 * Resolves `name` (main entry, then walks up to its package.json) without
 * executing it, so probing an optional native package never loads libtensorflow.
 */
export function inspectPackage(name: string): PackageInfo {
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    return { name, installed: false };
  }
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
        if (parsed.name === name) {
          return { name, installed: true, dir, version: typeof parsed.version === 'string' ? parsed.version : undefined };
        }
      } catch {
        // An unreadable package.json on the way up: keep walking.
      }
    }
    if (dirname(dir) === dir) return { name, installed: true };
  }
}

/** The outcome of `require`-ing an optional package. */
export type LoadResult<T> = { ok: true; module: T } | { ok: false; error: string };

/**
 * `require(name)` inside try/catch. Optional packages (tfjs-node, tfjs-node-gpu) are
 * loaded only through here, lazily, so their absence or a broken native binding is a
 * reason string rather than a crash at import time.
 */
export function loadPackage<T = unknown>(name: string): LoadResult<T> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { ok: true, module: require(name) as T };
  } catch (error) {
    return { ok: false, error: firstLine(error) };
  }
}

/** First line of an error's message, for one-line reasons. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}

/** "name 1.2.3", or just the name when the version is unknown. */
export function packageLabel(pkg: string, version: string | undefined): string {
  return version === undefined ? pkg : `${pkg} ${version}`;
}
