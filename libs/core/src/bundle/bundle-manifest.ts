import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

/** The manifest every bundle carries: each file's size and SHA-256, checked when the bundle loads. */
export const MANIFEST_FILE = 'manifest.json';

export interface BundleManifest {
  format: 'mimo.bundle-manifest';
  version: 1;
  files: Record<string, { bytes: number; sha256: string }>;
}

const sha256 = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');

/** The manifest of a bundle's files (names → content), itself excluded. */
export function bundleManifest(files: Record<string, string | Uint8Array>): BundleManifest {
  const entries = Object.entries(files).filter(([name]) => name !== MANIFEST_FILE);
  return {
    format: 'mimo.bundle-manifest',
    version: 1,
    files: Object.fromEntries(entries.map(([name, content]) => [name, { bytes: Buffer.byteLength(content), sha256: sha256(content) }])),
  };
}

export interface BundleVerification {
  dir: string;
  /** False for a bundle saved before bundles had manifests: nothing could be checked. */
  hasManifest: boolean;
  /** Each problem as `file: what is wrong`; empty when every file matches. */
  problems: string[];
  /** Files checked against the manifest. */
  checked: string[];
}

/**
 * Checks every file a bundle's manifest lists: present, of its size and its SHA-256. Files the manifest does not
 * list (an app's notes beside the bundle) are not checked.
 */
export async function verifyBundle(dir: string): Promise<BundleVerification> {
  const { contents: _contents, ...verification } = await readVerifiedBundle(dir);
  return verification;
}

/** `verifyBundle`, keeping the bytes it read (by file name) so that loading does not read them again. */
export async function readVerifiedBundle(dir: string): Promise<BundleVerification & { contents: Map<string, Buffer> }> {
  const contents = new Map<string, Buffer>();
  const manifestPath = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await fs.readFile(manifestPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { dir, hasManifest: false, problems: [], checked: [], contents };
    throw error;
  }
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(text) as BundleManifest;
  } catch (error) {
    return { dir, hasManifest: true, problems: [`${manifestPath}: not valid JSON (${(error as Error).message})`], checked: [], contents };
  }
  if (manifest.format !== 'mimo.bundle-manifest' || typeof manifest.files !== 'object' || manifest.files === null) {
    return { dir, hasManifest: true, problems: [`${manifestPath}: expected a mimo.bundle-manifest with files`], checked: [], contents };
  }
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(manifest.files)) {
    const file = path.join(dir, name);
    let content: Buffer;
    try {
      content = await fs.readFile(file);
    } catch {
      problems.push(`${file}: missing`);
      continue;
    }
    if (content.byteLength !== expected.bytes) problems.push(`${file}: expected ${expected.bytes} bytes, found ${content.byteLength}`);
    else if (sha256(content) !== expected.sha256) problems.push(`${file}: its SHA-256 differs from the manifest's (the file is corrupt or was changed after saving)`);
    else contents.set(name, content);
  }
  return { dir, hasManifest: true, problems, checked: Object.keys(manifest.files), contents };
}
