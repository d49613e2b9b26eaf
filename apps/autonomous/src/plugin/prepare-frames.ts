import type { PreparedData, PrepareOptions } from '@mimo/app-kit';
import { DataError, selectRows, stratifiedSplit } from '@mimo/data';
import { frameTensors } from '../data/frame-tensors';
import { loadFrames } from '../data/load-frames';
import { parseSensorPreprocessing, SensorPreprocessing } from '../data/sensor-preprocessing';
import { MANOEUVRES } from '../scene/planner';
import { withDroppedCopies } from '../training/dropped-copies';

/** Seed of the train / val / test split: fixed, so evaluate (any --seed) tests on the frames train held out. */
export const SPLIT_SEED = 42;
/** Share of training frames added again with the camera or the LIDAR zeroed (modality dropout). */
export const MODALITY_DROPOUT_RATE = 0.3;
const DEFAULTS = { format: 'mimo.autonomous', version: 1, imageSize: 32, beams: 24, maxRange: 20 } as const;

function sortedLabels(labels: readonly (string | undefined)[]): string[] {
  return [...new Set(labels.filter((l): l is string => l !== undefined))].sort();
}

/**
 * The app's `prepare`: frames (manifest or generated) → stratified 80 / 10 / 10 split (seed 42) → tensors
 * `{ camera, lidar } → { manoeuvre }`. The training split gets modality dropout: 30 % of its frames again, each
 * with one sensor zeroed. A restored state fixes image size, beams, range scale and classes.
 */
export async function prepareFrames(options: PrepareOptions): Promise<PreparedData> {
  const restored = options.preprocessing === undefined ? undefined : parseSensorPreprocessing(options.preprocessing);
  const base = restored ?? DEFAULTS;
  const { frames, card } = await loadFrames({ data: options.data, tiny: options.tiny, imageSize: base.imageSize, beams: base.beams, classes: restored?.classes });
  const labels = frames.map((f) => f.label ?? '');
  const classes = restored?.classes ?? (options.data ? sortedLabels(labels) : [...MANOEUVRES]);
  if (classes.length < 2) throw new DataError({ file: options.data, column: 'label' }, `expected at least 2 manoeuvre classes to learn, received ${classes.length}${classes.length ? `: ${classes.join(', ')}` : ''}`);
  const state: SensorPreprocessing = { ...DEFAULTS, ...base, classes };
  const split = stratifiedSplit(labels, { seed: SPLIT_SEED });
  const [train, val, test] = [split.train, split.val, split.test].map((rows) => {
    const { xs, ys } = frameTensors(selectRows(frames, rows), { ...state, classes });
    if (!ys) throw new Error('expected a label on every frame');
    return { xs, ys };
  });
  const dropped = withDroppedCopies(train, { inputs: ['camera', 'lidar'], rate: MODALITY_DROPOUT_RATE, seed: options.seed });
  for (const t of [...Object.values(train.xs), ...Object.values(train.ys)]) t.dispose();
  return {
    card,
    train: dropped,
    val,
    test,
    inputs: { camera: { kind: 'image', height: state.imageSize, width: state.imageSize, channels: 3 }, lidar: { kind: 'numeric', size: state.beams } },
    classes: { manoeuvre: classes },
    preprocessing: state,
  };
}
