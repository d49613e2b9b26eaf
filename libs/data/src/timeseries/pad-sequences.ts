import * as tf from '@tensorflow/tfjs';

export interface PadSequencesOptions {
  /** Steps after padding. Defaults to the longest sequence. */
  maxSteps?: number;
  /** Where the zero steps go. Defaults to 'post'. */
  padding?: 'post' | 'pre';
  /** Which end of a long sequence is cut. Defaults to 'post'. */
  truncation?: 'post' | 'pre';
}

export interface PaddedSequences {
  /** `[batch, steps, features]` float32, zero steps where there is no data (what Masking(0) skips). */
  values: tf.Tensor3D;
  /** `[batch, steps]` float32: 1 for a real step, 0 for padding. */
  mask: tf.Tensor2D;
}

/** Variable-length sequences (each `[steps][features]`) padded with zero steps into one batch, with their mask. */
export function padSequences(sequences: readonly (readonly (readonly number[])[])[], options: PadSequencesOptions = {}): PaddedSequences {
  const features = sequences.find((s) => s.length > 0)?.[0].length ?? 1;
  const steps = options.maxSteps ?? Math.max(1, ...sequences.map((s) => s.length));
  const values = new Float32Array(sequences.length * steps * features);
  const mask = new Float32Array(sequences.length * steps);
  sequences.forEach((sequence, i) => {
    const kept = sequence.length <= steps ? sequence : options.truncation === 'pre' ? sequence.slice(sequence.length - steps) : sequence.slice(0, steps);
    const first = options.padding === 'pre' ? steps - kept.length : 0;
    kept.forEach((step, t) => {
      if (step.length !== features) throw new Error(`padSequences: expected ${features} features per step, received ${step.length} (sequence ${i + 1}, step ${t + 1})`);
      values.set(step, ((i * steps) + first + t) * features);
      mask[i * steps + first + t] = 1;
    });
  });
  return { values: tf.tensor3d(values, [sequences.length, steps, features], 'float32'), mask: tf.tensor2d(mask, [sequences.length, steps], 'float32') };
}
