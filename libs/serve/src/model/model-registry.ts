import { promises as fs } from 'fs';
import { BatchingOptions, DEFAULT_BATCHING } from '../predict/dynamic-batcher';
import { BrowserDecoderFactory, DecoderFactory, findBundles, loadServedModel } from './load-served-model';
import { ModelVersion } from './model-version';
import { MODEL_NAME_PATTERN, ServedModel } from './served-model';

export interface ModelRegistryOptions {
  /** Dynamic batching of every model. Defaults to 32 examples / 2 ms. */
  batching?: BatchingOptions;
  /** The raw-record decoder of each loaded bundle (see `loadServedModel`). */
  decoderFor?: DecoderFactory;
  /** The browser script of each loaded bundle's record decoder (see `loadServedModel`). */
  browserDecoderFor?: BrowserDecoderFactory;
  /** How often a models folder is scanned for new versions, in ms; 0 turns hot reload off. Defaults to 2000. */
  pollMs?: number;
  /** Told about a bundle that failed to load (the previous version keeps serving), once per distinct error. Defaults to stderr. */
  onLoadError?: (dir: string, error: Error) => void;
  /** Told about each version a scan after the first loaded (a hot reload). Defaults to stderr. */
  onReload?: (model: ServedModel, dir: string) => void;
}

/**
 * The models a server answers for, by name. Names from requests are only ever looked up here: no request value
 * reaches the filesystem. `open(dir)` loads every bundle of a folder and polls it: a new version is loaded
 * beside the old one and swapped in; the old one is freed after its last request in flight.
 */
export class ModelRegistry {
  private readonly models = new Map<string, ModelVersion>();
  private readonly fingerprints = new Map<string, string>();
  private readonly batchListeners = new Set<(model: string, size: number) => void>();
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private scanned = false;
  /** The last error reported per folder, so that a failure polled every 2 s is told once, not every time. */
  private readonly reported = new Map<string, string>();

  private constructor(
    private readonly options: ModelRegistryOptions,
    private readonly modelsDir?: string,
  ) {}

  static fromModels(models: readonly ServedModel[], options: ModelRegistryOptions = {}): ModelRegistry {
    const registry = new ModelRegistry(options);
    for (const model of models) registry.put(model);
    return registry;
  }

  /**
   * Loads every bundle under `modelsDir` and, unless `pollMs` is 0, keeps watching it for new versions. A folder
   * that is not there fails here, at start, not at every poll.
   */
  static async open(modelsDir: string, options: ModelRegistryOptions = {}): Promise<ModelRegistry> {
    const stat = await fs.stat(modelsDir).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`${modelsDir}: ${error.code === 'ENOENT' ? 'no such folder' : error.message}`);
    });
    if (!stat.isDirectory()) throw new Error(`${modelsDir}: expected a folder of bundles, received a file`);
    const registry = new ModelRegistry(options, modelsDir);
    await registry.scan();
    const pollMs = options.pollMs ?? 2000;
    if (pollMs > 0) {
      registry.timer = setInterval(() => void registry.scan(), pollMs);
      registry.timer.unref();
    }
    return registry;
  }

  /** Serves `model`, replacing (and later freeing) the version served under its name so far. */
  put(model: ServedModel): void {
    if (!MODEL_NAME_PATTERN.test(model.name)) throw new Error(`Invalid model name ${JSON.stringify(model.name)}: expected letters, digits, '_', '-' or '.'`);
    const version = new ModelVersion(model, this.options.batching ?? DEFAULT_BATCHING, (size) => this.batchListeners.forEach((listener) => listener(model.name, size)));
    const previous = this.models.get(model.name);
    this.models.set(model.name, version);
    previous?.retire();
  }

  get(name: string): ModelVersion | undefined {
    return this.models.get(name);
  }

  list(): ModelVersion[] {
    return [...this.models.values()];
  }

  onBatch(listener: (model: string, size: number) => void): void {
    this.batchListeners.add(listener);
  }

  /** Loads what changed in the models folder since the last scan (one scan at a time). */
  scan(): Promise<void> {
    if (!this.modelsDir) return Promise.resolve();
    this.scanning ??= this.scanOnce(this.modelsDir).finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private async scanOnce(modelsDir: string): Promise<void> {
    const onError = this.options.onLoadError ?? ((dir: string, error: Error) => process.stderr.write(`mimo serve: cannot load ${dir}: ${error.message}\n`));
    const report = (dir: string, error: Error) => {
      if (this.reported.get(dir) === error.message) return;
      this.reported.set(dir, error.message);
      onError(dir, error);
    };
    const onReload = this.options.onReload ?? ((model: ServedModel, dir: string) => process.stderr.write(`mimo serve: loaded ${model.name}@${model.version} from ${dir}\n`));
    const firstScan = !this.scanned;
    this.scanned = true;
    let found;
    try {
      found = await findBundles(modelsDir, MODEL_NAME_PATTERN);
    } catch (error) {
      report(modelsDir, error as Error);
      return;
    }
    this.reported.delete(modelsDir);
    for (const location of found) {
      if (this.fingerprints.get(location.name) === location.fingerprint) continue;
      this.fingerprints.set(location.name, location.fingerprint);
      try {
        const model = await loadServedModel(location.dir, { name: location.name, version: location.version, decoderFor: this.options.decoderFor, browserDecoderFor: this.options.browserDecoderFor });
        this.put(model);
        this.reported.delete(location.dir);
        if (!firstScan) onReload(model, location.dir);
      } catch (error) {
        report(location.dir, error as Error);
      }
    }
  }

  /** Stops watching and frees every model once its requests finish. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.scanning;
    for (const version of this.models.values()) version.retire();
    this.models.clear();
  }
}
