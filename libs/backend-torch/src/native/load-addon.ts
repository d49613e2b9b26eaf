import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { RawTorchAddon, withTensorRecords } from './tensor-records';
import { TorchAddon } from './torch-addon';

/** Folder of the node-gyp build (libs/backend-torch/build). */
export const BUILD_DIR = resolve(__dirname, '..', '..', 'build');
/** The compiled addon. */
export const ADDON_PATH = join(BUILD_DIR, 'Release', 'mimo_torch.node');

/** Where the build found libtorch (written by scripts/build.js to build/status.json). */
export interface LibtorchBuildInfo {
  source: string;
  root: string;
  libDir: string;
}

export type AddonLoad = { ok: true; addon: TorchAddon; libtorch?: LibtorchBuildInfo } | { ok: false; reason: string };

let loaded: AddonLoad | undefined;

/** Loads the addon once; when it is missing or fails to load, says why (the build's reason when there is one). */
export function loadTorchAddon(): AddonLoad {
  loaded ??= loadAddonFrom(ADDON_PATH, join(BUILD_DIR, 'status.json'));
  return loaded;
}

interface BuildStatus {
  built?: boolean;
  reason?: string;
  libtorch?: LibtorchBuildInfo;
}

function readStatus(statusPath: string): BuildStatus {
  try {
    return JSON.parse(readFileSync(statusPath, 'utf8')) as BuildStatus;
  } catch {
    return {};
  }
}

/** Loads the addon at `addonPath`; `statusPath` is the build's status.json (its reason explains a missing addon). */
export function loadAddonFrom(addonPath: string, statusPath: string): AddonLoad {
  const status = readStatus(statusPath);
  if (!existsSync(addonPath)) {
    const why = status.reason ?? 'the build step has not run';
    return { ok: false, reason: `native addon not built (${why}); run \`npx mimo-build-torch\`` };
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const addon = withTensorRecords(require(addonPath) as RawTorchAddon);
    return { ok: true, addon, libtorch: status.libtorch };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: `native addon failed to load: ${message}` };
  }
}
