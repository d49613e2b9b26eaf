import * as tf from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as path from 'path';
import { registerLayersToLoad } from '../model/layer-registry';
import { ModelSpec, parseModelSpec } from '../spec/model-spec';
import { writeDirAtomically } from './atomic-dir';
import { bundleManifest, MANIFEST_FILE, readVerifiedBundle } from './bundle-manifest';
import { BundleTargetOptions, checkBundleTarget } from './bundle-target';

export const BUNDLE_FILES = {
  model: 'model.json',
  weights: 'weights.bin',
  spec: 'spec.json',
  preprocessing: 'preprocessing.json',
  card: 'card.json',
  manifest: MANIFEST_FILE,
} as const;

/** A bundle whose files do not match its manifest (corrupt, truncated, changed after saving). */
export class BundleIntegrityError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: string[],
  ) {
    super(`bundle ${dir} is corrupt: ${problems.join('; ')}. Restore it from a copy or save it again.`);
    this.name = 'BundleIntegrityError';
  }
}

/** Facts about how a bundle was made; apps add their own fields (data, metrics, …). */
export interface ModelCard {
  name: string;
  createdAt: string;
  tfjsVersion: string;
  backend?: string;
  /** Class names per classification head, in the order of its units (binary: [negative, positive]). */
  classes?: Record<string, string[]>;
  /** Decision threshold per binary head (a probability at or above it is the positive class); 0.5 when absent. */
  thresholds?: Record<string, number>;
  [field: string]: unknown;
}

export interface Bundle {
  model: tf.LayersModel;
  spec: ModelSpec;
  /** Data-derived state (vocabularies, statistics…), kept apart from the user's spec. */
  preprocessing?: unknown;
  card: ModelCard;
}

/** The model's topology and weights as tfjs serialises them, without touching the filesystem. */
export async function modelArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved) throw new Error('tfjs did not hand over the model artifacts');
  return saved;
}

/**
 * Saves model + spec + preprocessing state + card as one folder with a manifest of every file's size and SHA-256,
 * atomically (a crash never leaves half a bundle). It replaces only an empty folder or a Mimo bundle unless
 * `overwrite` is set, and never a file (`BundleTargetError`).
 */
export async function saveBundle(dir: string, bundle: Omit<Bundle, 'card'> & { card?: Partial<ModelCard> }, options: BundleTargetOptions = {}): Promise<ModelCard> {
  await checkBundleTarget(dir, options);
  const artifacts = await modelArtifacts(bundle.model);
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const modelJson = {
    format: 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [BUNDLE_FILES.weights], weights: artifacts.weightSpecs }],
  };
  const card: ModelCard = {
    name: bundle.spec.name,
    createdAt: new Date().toISOString(),
    tfjsVersion: tf.version.tfjs,
    backend: tf.getBackend(),
    ...bundle.card,
  };
  const files: Record<string, string | Uint8Array> = {
    [BUNDLE_FILES.model]: JSON.stringify(modelJson),
    [BUNDLE_FILES.weights]: weights,
    [BUNDLE_FILES.spec]: JSON.stringify(bundle.spec, null, 2),
    [BUNDLE_FILES.card]: JSON.stringify(card, null, 2),
  };
  if (bundle.preprocessing !== undefined) files[BUNDLE_FILES.preprocessing] = JSON.stringify(bundle.preprocessing, null, 2);
  files[BUNDLE_FILES.manifest] = JSON.stringify(bundleManifest(files), null, 2);
  await writeDirAtomically(dir, files);
  return card;
}

/** A bundle's file: the bytes the manifest check already read, else from disk. */
type ReadBundleFile = (file: string) => Promise<Buffer>;

async function readJson(dir: string, file: string, required: boolean, read: ReadBundleFile): Promise<unknown> {
  const location = path.join(dir, file);
  let text: string;
  try {
    text = (await read(file)).toString('utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read bundle file ${location}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Bundle file ${location} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Loads a folder written by `saveBundle`; errors name the file that is missing or broken. Every file its manifest
 * lists is checked first (`BundleIntegrityError`); a bundle saved before bundles had manifests loads unchecked.
 */
export async function loadBundle(dir: string): Promise<Bundle> {
  const verification = await readVerifiedBundle(dir);
  if (verification.problems.length) throw new BundleIntegrityError(dir, verification.problems);
  const read: ReadBundleFile = async (file) => verification.contents.get(file) ?? fs.readFile(path.join(dir, file));
  const modelJson = (await readJson(dir, BUNDLE_FILES.model, true, read)) as {
    modelTopology?: object;
    weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  if (!modelJson.modelTopology || !modelJson.weightsManifest) {
    throw new Error(`${path.join(dir, BUNDLE_FILES.model)}: expected modelTopology and weightsManifest`);
  }
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const weightBuffers = await Promise.all(
    modelJson.weightsManifest.flatMap((group) => group.paths).map(read),
  );
  const weightData = tf.io.CompositeArrayBuffer.join(weightBuffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer));
  const expectedBytes = weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (weightData.byteLength !== expectedBytes) {
    throw new Error(`${path.join(dir, BUNDLE_FILES.weights)}: expected ${expectedBytes} bytes of weights, found ${weightData.byteLength}`);
  }
  registerLayersToLoad(modelJson.modelTopology);
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }));
  const spec = parseModelSpec(await readJson(dir, BUNDLE_FILES.spec, true, read));
  const card = (await readJson(dir, BUNDLE_FILES.card, true, read)) as ModelCard;
  const preprocessing = await readJson(dir, BUNDLE_FILES.preprocessing, false, read);
  return { model, spec, card, preprocessing };
}
