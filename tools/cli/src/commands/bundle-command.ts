import { verifyBundle } from '@mimo/core';

export const bundleUsage = `mimo bundle verify DIR
  Checks every file of a saved bundle (or checkpoint) against its manifest: present, of its size, of its SHA-256.
  Exit 0 when all match; 1 when a file is missing or corrupt, or the bundle has no manifest to check against.`;

/** `mimo bundle verify DIR`. */
export async function bundleCommand(args: string[]): Promise<number> {
  const [sub, dir, ...extra] = args;
  if (sub !== 'verify' || !dir || extra.length) {
    process.stderr.write(`${sub === undefined || sub === 'verify' ? '' : `Unknown bundle command '${sub}'.\n`}Usage: ${bundleUsage}\n`);
    return 2;
  }
  const result = await verifyBundle(dir);
  if (!result.hasManifest) {
    process.stdout.write(`${dir}: no manifest.json (saved before bundles had manifests): nothing to check against\n`);
    return 1;
  }
  if (result.problems.length) {
    process.stdout.write(`${dir}: CORRUPT\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`${dir}: ok (${result.checked.length} files match the manifest: ${result.checked.join(', ')})\n`);
  return 0;
}
