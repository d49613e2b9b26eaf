import * as tf from '@tensorflow/tfjs';
import type { BenchVariant } from './bench/bench-variants';
import type { HeadBaselines } from './metrics/baselines';
import type { RecordField } from '@mimo/data';
import { AppCommand, DataParallelGroup, FusionType, InputKind, InputShapeSpec, ModelSpec, ModelSpecInput, TensorMap, TrainerConfigInput, TrainingData } from '@mimo/core';

/**
 * The fusion a user asks for with `--fusion`, named as in the spec: `concat`, or `gated` (a learnt per-example
 * softmax weighting of the inputs). The apps' encoders give vectors, so `cross-attention` (sequences) is not offered.
 */
export type FusionChoice = Extract<FusionType, 'concat' | 'gated'>;

/** What a model card says about the data it was trained on. */
export interface DataCard {
  /** Short name of the data set (`default cohort`, `PneumoniaMNIST`, …). */
  name: string;
  /** Where it came from: a path, a loader, a generator with its seed. */
  source: string;
  /** What in it is real measurement (e.g. `chest X-ray images: PneumoniaMNIST`). */
  real: string[];
  /** What in it is simulated, and how (e.g. `lab values: drawn conditional on the outcome, effect sizes in data/…/README.md`). */
  simulated: string[];
}

/**
 * Data ready for the trainer: every split already turned into tensors named after the spec's inputs and heads.
 * The kit owns and disposes these tensors after the run.
 */
export interface PreparedData {
  card: DataCard;
  train: TrainingData;
  /** Held out for early stopping; when absent the kit holds out the last 10 % of `train`. */
  val?: TrainingData;
  test: TrainingData;
  /** Input specs (kind + shape, no encoder) derived from the data, e.g. `TablePreprocessor.inputSpecs()`. */
  inputs: Record<string, InputShapeSpec>;
  /** Head configs derived from the labels (e.g. `TablePreprocessor.headShapes()`), for `createSpec`. */
  heads?: ModelSpecInput['heads'];
  /** JSON state of the preprocessing fitted on `train` only; saved as the bundle's `preprocessing.json`. */
  preprocessing?: unknown;
  /** Class names per classification head, in the order of its units (binary: [negative, positive]); saved in the card. */
  classes?: Record<string, string[]>;
  /**
   * The app's own naive predictions per split and head (e.g. finance's "yesterday's return"), rows aligned with the
   * split's examples; `evaluate` scores them beside the model and the kit's own (training mean, majority class).
   */
  baselines?: Partial<Record<'train' | 'val' | 'test', Record<string, HeadBaselines>>>;
}

/** The prepared input `name`, checked to be of `kind` (a clear error says what the data hold instead). */
export function preparedInput<K extends InputKind>(data: PreparedData, name: string, kind: K): Extract<InputShapeSpec, { kind: K }> {
  const input = data.inputs[name];
  if (input?.kind !== kind) {
    throw new Error(`${data.card.name}: expected a ${kind} input '${name}'. Received: ${input ? `a ${input.kind} input` : `no such input (inputs: ${Object.keys(data.inputs).join(', ') || 'none'})`}`);
  }
  return input as Extract<InputShapeSpec, { kind: K }>;
}

export interface PrepareOptions {
  /** `--data PATH`, when given; else the app's default data set. */
  data?: string;
  seed: number;
  /**
   * A saved bundle's preprocessing state: restore it and do NOT fit (evaluate, predict). When absent, fit the
   * preprocessing on the training split only.
   */
  preprocessing?: unknown;
  /** Keep it small and fast (tests): the app may cut the data set down. */
  tiny?: boolean;
  /**
   * The inputs the run uses (`--inputs` at train time, the card's inputs later); undefined: all. An app may leave
   * the others out of what it reads (a LIDAR-only manifest needs no camera column) and give them no tensors.
   */
  inputs?: readonly string[];
}

export interface SpecOptions {
  data: PreparedData;
  seed: number;
  fusion?: FusionChoice;
  /** `--encoder`: one of the plugin's `encoders` (its first when not given); undefined for apps without a choice. */
  encoder?: string;
}

/** What `train` passes to `afterBuild` so an app can initialise weights (transfer learning) before fitting. */
export interface BuildHookContext {
  model: tf.LayersModel;
  spec: ModelSpec;
  options: TrainOptions;
  log(line: string): void;
}

/** Flags of `mimo <app> train`, parsed and checked. */
export interface TrainOptions {
  data?: string;
  /** `--out DIR`: the bundle folder; defaults to `out/<app>/<spec name>`. */
  out?: string;
  /** `--overwrite`: let `out` replace a folder that is not a Mimo bundle (by default refused, before training). */
  overwrite?: boolean;
  /** `--resume`: continue from the last epoch checkpoint of a run into the same `out` that was killed. */
  resume?: boolean;
  /**
   * Write a checkpoint after every epoch (beside the bundle, removed once it is saved) so that `--resume` can
   * continue a killed run. Defaults to true; the comparative bench, which times runs and resumes per run, turns it off.
   */
  checkpoints?: boolean;
  epochs: number;
  batchSize: number;
  seed: number;
  backend?: string;
  fusion?: FusionChoice;
  inputs?: string[];
  tensorboard?: string;
  /** Early-stopping patience in epochs (`--patience`). */
  patience: number;
  /** `--tiny`: small data and model for tests and smoke runs. */
  tiny: boolean;
  /** `--encoder NAME`: one of the plugin's `encoders`. */
  encoder?: string;
  /**
   * Train as one rank of this data-parallel group (docs/distributed.md): only rank 0 prints progress, writes
   * checkpoints, TensorBoard logs and the bundle; the others train their shards and return unsaved.
   */
  dataParallel?: DataParallelGroup;
}

/**
 * One app's plug-in to the kit: its data, its spec, its record decoding and its report. Everything else
 * (CLI, flags, training, evaluation, bundles, model cards, charts) is the kit's.
 */
export interface AppPlugin {
  /** CLI name (`mimo <name> …`) and default output folder `out/<name>`. */
  name: string;
  /** The choices of `--encoder` (e.g. a text app's lstm, bigru, transformer); the first is the default. */
  encoders?: readonly string[];
  /** Loads `--data` (or the default data set), splits it, fits preprocessing on train only, returns tensors. */
  prepare(options: PrepareOptions): Promise<PreparedData>;
  /** The model spec for these data (the kit then subsets it by `--inputs`). */
  createSpec(options: SpecOptions): ModelSpecInput;
  /** Trainer settings beyond the kit's (epochs, batch size, seed, early stopping, progress, TensorBoard): optimizer, metrics, class weights, augmentation. */
  trainerConfig?(options: TrainOptions): Partial<TrainerConfigInput>;
  /** Runs after the model is built and before it is fitted (e.g. load pretrained encoder weights, freeze them). */
  afterBuild?(context: BuildHookContext): Promise<void>;
  /**
   * Turns raw records (one JSON object per line of a .jsonl, or one CSV row with string cells) into the
   * model's input tensors, using the bundle's saved preprocessing. `baseDir` resolves relative file paths in
   * records (images). Default: `TablePreprocessor.fromJSON(preprocessing)` → `parseRecords` → `transform`.
   */
  decodeRecords?(records: Record<string, unknown>[], bundle: { preprocessing?: unknown; spec: ModelSpec }, baseDir: string): Promise<TensorMap>;
  /**
   * The fields a record for `decodeRecords` has, with kinds and examples, from a bundle's preprocessing state and
   * the inputs its model reads (`mimo <app> spec --model DIR`, the card, the served metadata). Default: the
   * TablePreprocessor's columns.
   */
  recordFields?(preprocessing: unknown, inputs: readonly string[]): RecordField[];
  /**
   * The record fields `decodeRecords` reads as file paths (images, range files). Over HTTP they carry the file's
   * bytes as base64 instead, so no request names a file on the server (`@mimo/serve`'s `withRecordFiles`).
   */
  recordFiles?: string[];
  /**
   * The browser script of `decodeRecords` (the app's `browser/decoder.ts`, built into `dist/browser/decoder.js`;
   * `builtBrowserDecoder` finds it), so the web app can run the app's bundles in a browser (docs/web.md).
   */
  browserDecoder?: string;
  /**
   * `mimo <app> report [--out DIR] [--runs DIR]`: writes the app's report (use the kit's chart writers) into
   * `out` (default `docs/`) from the bundles under `runs` (default `out/<app>`); resolves to an exit code.
   */
  report?(options: { out?: string; runs?: string }): Promise<number>;
  /** Variants of its own for `mimo bench` beyond the kit's (single inputs, fusions, ensembles, encoders). */
  benchVariants?: BenchVariant[];
  /** More app-specific commands (`generate`, `transfer`, …), merged into the app's commands. */
  extraCommands?: Record<string, AppCommand>;
}
