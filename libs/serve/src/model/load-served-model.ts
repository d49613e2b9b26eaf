import { Bundle, BUNDLE_FILES, loadBundle } from '@mimo/core';
import { InputNames, PREPROCESSING_FORMAT, TablePreprocessor } from '@mimo/data';
import { promises as fs } from 'fs';
import * as path from 'path';
import { RecordDecoder, ServedModel } from './served-model';
import { tableRecordDecoder } from './table-record-decoder';

/** Picks the raw-record decoder of a loaded bundle (an app plugs its own in here). */
export type DecoderFactory = (bundle: Bundle, name: string) => RecordDecoder | undefined;

/** Picks the browser script of a loaded bundle's record decoder, when its app has one (a file path). */
export type BrowserDecoderFactory = (bundle: Bundle) => string | undefined;

export interface LoadServedModelOptions {
  /** Defaults to the folder's name. */
  name?: string;
  /** Defaults to the card's `version`, else "1". */
  version?: string;
  /**
   * The raw-record decoder for the bundle. Defaults to `tableRecordDecoder(bundle.preprocessing)`: records go
   * through the bundle's saved TablePreprocessor; a bundle without one then takes tensors only.
   */
  decoderFor?: DecoderFactory;
  /** The browser script of the bundle's record decoder, for the web app; defaults to none (table bundles need none). */
  browserDecoderFor?: BrowserDecoderFactory;
}

/** Loads one bundle folder as a ServedModel. */
export async function loadServedModel(dir: string, options: LoadServedModelOptions = {}): Promise<ServedModel> {
  const bundle = await loadBundle(dir);
  const name = options.name ?? path.basename(path.resolve(dir));
  const version = options.version ?? (typeof bundle.card.version === 'string' || typeof bundle.card.version === 'number' ? String(bundle.card.version) : '1');
  const decodeRecords = options.decoderFor ? options.decoderFor(bundle, name) : tableRecordDecoder(bundle.preprocessing);
  return { name, version, bundle, decodeRecords, inputNames: tableInputNames(bundle), browserDecoder: options.browserDecoderFor?.(bundle) };
}

/** The names of each input's elements when a bundle's preprocessing is a TablePreprocessor's (for explanations). */
export function tableInputNames(bundle: Pick<Bundle, 'preprocessing' | 'spec'>): Record<string, InputNames> | undefined {
  const preprocessing = bundle.preprocessing as { format?: unknown } | undefined;
  if (preprocessing?.format !== PREPROCESSING_FORMAT) return undefined;
  const table = TablePreprocessor.fromJSON(preprocessing);
  return Object.fromEntries(Object.keys(bundle.spec.inputs).map((input) => [input, table.inputNames(input)]));
}

/** Where a model's newest bundle lies in a models folder, and a fingerprint that changes when it is replaced. */
export interface BundleLocation {
  name: string;
  dir: string;
  version?: string;
  fingerprint: string;
}

async function fingerprint(dir: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(path.join(dir, BUNDLE_FILES.model));
    return `${dir}:${stat.ino}:${stat.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/**
 * The bundles of a models folder: `<models>/<name>/<version>/` (numeric versions; the highest wins, as in
 * TensorFlow Serving) or `<models>/<name>/` holding a bundle itself. Folders that are neither are skipped.
 */
export async function findBundles(modelsDir: string, namePattern: RegExp): Promise<BundleLocation[]> {
  const entries = await fs.readdir(modelsDir, { withFileTypes: true });
  const found: BundleLocation[] = [];
  for (const entry of entries) {
    const dir = path.join(modelsDir, entry.name);
    // A symbolic link to a bundle folder counts as the folder.
    const folder = entry.isDirectory() || (entry.isSymbolicLink() && (await fs.stat(dir).then((stat) => stat.isDirectory(), () => false)));
    if (!folder || !namePattern.test(entry.name)) continue;
    const own = await fingerprint(dir);
    if (own) {
      found.push({ name: entry.name, dir, fingerprint: own });
      continue;
    }
    const versions = (await fs.readdir(dir, { withFileTypes: true }))
      .filter((v) => v.isDirectory() && /^\d{1,15}$/.test(v.name))
      .map((v) => v.name)
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const print = await fingerprint(path.join(dir, version));
      if (print) {
        found.push({ name: entry.name, dir: path.join(dir, version), version, fingerprint: print });
        break;
      }
    }
  }
  return found;
}
