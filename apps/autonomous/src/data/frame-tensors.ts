import * as tf from '@tensorflow/tfjs';
import { encodePiecewiseLinear } from '@mimo/data';
import { lidarWidth } from './sensor-preprocessing';

/** What the tensors are made from: a camera image and a range scan per frame, and a label when training. */
export interface SensorFrame {
  camera: Uint8Array;
  ranges: readonly number[];
  label?: string;
}

export interface FrameTensorOptions {
  /** Camera side in pixels. */
  imageSize: number;
  /** Ranges are clipped to [0, maxRange] and divided by it, so 0 means "touching" and 1 "nothing in range". */
  maxRange: number;
  /** Class names in the order of the head's units; needed for `ys`. */
  classes?: readonly string[];
  /** Per beam, bin edges: lidar is then the ranges' piecewise-linear encoding (one value per bin) instead. */
  rangeEdges?: readonly (readonly number[])[];
}

/** The model's inputs and, when labels are known, its head: `{ xs: { camera, lidar }, ys: { manoeuvre } }`. */
export interface FrameTensors {
  xs: { camera: tf.Tensor4D; lidar: tf.Tensor2D };
  ys?: { manoeuvre: tf.Tensor2D };
}

/**
 * Frames → tensors: camera `[n, size, size, 3]` float32 in [0, 1] (pixels / 255), lidar `[n, beams]` float32 in
 * [0, 1] (ranges / maxRange) or, with `rangeEdges`, `[n, bins of all beams]` (piecewise-linear encoding), manoeuvre
 * one-hot `[n, classes]` when every frame has a label and classes are given.
 */
export function frameTensors(frames: readonly SensorFrame[], options: FrameTensorOptions): FrameTensors {
  const { imageSize, maxRange } = options;
  const pixels = imageSize * imageSize * 3;
  const beams = frames[0]?.ranges.length ?? 0;
  const edges = options.rangeEdges;
  if (edges && edges.length !== beams) throw new Error(`expected ${edges.length} ranges per frame (the bins' beams), received ${beams}`);
  const width = lidarWidth({ beams, rangeEdges: options.rangeEdges });
  const offsets = edges?.map((_, b) => edges.slice(0, b).reduce((n, e) => n + e.length - 1, 0));
  const camera = new Float32Array(frames.length * pixels);
  const lidar = new Float32Array(frames.length * width);
  frames.forEach((frame, i) => {
    if (frame.camera.length !== pixels) throw new Error(`frame ${i}: expected ${pixels} camera values (${imageSize}×${imageSize}×3), received ${frame.camera.length}`);
    if (frame.ranges.length !== beams) throw new Error(`frame ${i}: expected ${beams} ranges, received ${frame.ranges.length}`);
    for (let p = 0; p < pixels; p++) camera[i * pixels + p] = frame.camera[p] / 255;
    frame.ranges.forEach((r, b) => {
      if (edges && offsets) encodePiecewiseLinear(r, edges[b], lidar, i * width + offsets[b]);
      else lidar[i * width + b] = Math.min(Math.max(r, 0), maxRange) / maxRange;
    });
  });
  const xs = { camera: tf.tensor4d(camera, [frames.length, imageSize, imageSize, 3]), lidar: tf.tensor2d(lidar, [frames.length, width]) };
  const classes = options.classes;
  if (!classes || frames.some((f) => f.label === undefined)) return { xs };
  const indices = frames.map((f, i) => {
    const index = classes.indexOf(f.label ?? '');
    if (index === -1) throw new Error(`frame ${i}: expected a label among ${classes.join(', ')}, received "${f.label}"`);
    return index;
  });
  const manoeuvre = tf.tidy(() => tf.oneHot(tf.tensor1d(indices, 'int32'), classes.length).toFloat() as tf.Tensor2D);
  return { xs, ys: { manoeuvre } };
}
