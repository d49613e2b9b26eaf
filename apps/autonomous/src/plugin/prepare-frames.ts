import type { PreparedData, PrepareOptions } from '@mimo/app-kit';
import { DataError, quantileEdges, selectRows, stratifiedSplit } from '@mimo/data';
import { frameTensors } from '../data/frame-tensors';
import { loadFrames } from '../data/load-frames';
import { LoadedFrame } from '../manifest/load-frame-images';
import { lidarWidth, parseSensorPreprocessing, SensorPreprocessing } from '../data/sensor-preprocessing';
import { MANOEUVRES } from '../scene/planner';
import { withDroppedCopies } from '../training/dropped-copies';

/** Seed of the train / val / test split: fixed, so evaluate (any --seed) tests on the frames train held out. */
export const SPLIT_SEED = 42;
/** Share of training frames added again with the camera or the LIDAR zeroed (modality dropout). */
export const MODALITY_DROPOUT_RATE = 0.3;
/** Quantile bins per beam of the LIDAR input's piecewise-linear encoding (docs/autonomous.md: what it gained). */
export const RANGE_BINS = 64;
const DEFAULTS = { format: 'mimo.autonomous', version: 1, imageSize: 32 } as const;
/** The generated scenes' sensor range, in metres. */
const GENERATED_MAX_RANGE = 20;

function sortedLabels(labels: readonly (string | undefined)[]): string[] {
  return [...new Set(labels.filter((l): l is string => l !== undefined))].sort();
}

/** The largest range of the training frames (the scale ranges are divided by), at least 1e-6. */
function largestRange(frames: readonly LoadedFrame[]): number {
  return frames.reduce((max, f) => f.ranges.reduce((m, r) => Math.max(m, r), max), 1e-6);
}

/**
 * The app's `prepare`: frames (manifest or generated) → stratified 80 / 10 / 10 split (seed 42) → tensors
 * `{ camera, lidar } → { manoeuvre }`. Beams and the range scale come from the data (a manifest's count and its
 * largest training range; generated scenes: 24 beams, 20 m); a restored state fixes image size, beams, range scale
 * and classes. A run that reads one sensor (`inputs`) needs no column of the other. When both are read, the
 * training split gets modality dropout: 30 % of its frames again, each with one sensor zeroed.
 */
export async function prepareFrames(options: PrepareOptions): Promise<PreparedData> {
  const restored = options.preprocessing === undefined ? undefined : parseSensorPreprocessing(options.preprocessing);
  const used = ['camera', 'lidar'].filter((input) => !options.inputs || options.inputs.includes(input));
  const imageSize = restored?.imageSize ?? DEFAULTS.imageSize;
  const { frames, card } = await loadFrames({ data: options.data, tiny: options.tiny, imageSize, beams: restored?.beams, classes: restored?.classes, camera: used.includes('camera') });
  const labels = frames.map((f) => f.label ?? '');
  const classes = restored?.classes ?? (options.data ? sortedLabels(labels) : [...MANOEUVRES]);
  if (classes.length < 2) throw new DataError({ file: options.data, column: 'label' }, `expected at least 2 manoeuvre classes to learn, received ${classes.length}${classes.length ? `: ${classes.join(', ')}` : ''}`);
  const split = stratifiedSplit(labels, { seed: SPLIT_SEED });
  const trainFrames = selectRows(frames, split.train);
  const maxRange = restored?.maxRange ?? (options.data ? largestRange(trainFrames) : GENERATED_MAX_RANGE);
  const beams = frames[0]?.ranges.length ?? 0;
  const rangeEdges = restored ? restored.rangeEdges : Array.from({ length: beams }, (_, b) => quantileEdges(trainFrames.map((f) => f.ranges[b]), RANGE_BINS));
  const state: SensorPreprocessing = { ...DEFAULTS, imageSize, beams, maxRange, classes, ...(rangeEdges ? { rangeEdges } : {}) };
  const [train, val, test] = [split.train, split.val, split.test].map((rows) => {
    const { xs, ys } = frameTensors(selectRows(frames, rows), { ...state, classes });
    if (!ys) throw new Error('expected a label on every frame');
    return { xs, ys };
  });
  // Dropping the only sensor read would teach nothing: modality dropout needs both.
  const dropped = used.length === 2 ? withDroppedCopies(train, { inputs: used, rate: MODALITY_DROPOUT_RATE, seed: options.seed }) : train;
  if (dropped !== train) for (const t of [...Object.values(train.xs), ...Object.values(train.ys)]) t.dispose();
  return {
    card,
    train: dropped,
    val,
    test,
    inputs: { camera: { kind: 'image', height: state.imageSize, width: state.imageSize, channels: 3 }, lidar: { kind: 'numeric', size: lidarWidth(state) } },
    classes: { manoeuvre: classes },
    preprocessing: state,
  };
}
