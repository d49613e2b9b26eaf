import * as tf from '@tensorflow/tfjs';

/** Base constructor arguments of every tfjs layer (`name`, `trainable`, `dtype`, `inputShape`, …). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** Keyword arguments tfjs passes to `Layer.call` (`training`, `mask`, …). */
export type Kwargs = Parameters<tf.layers.Layer['call']>[1];

/** What tfjs may put in `kwargs.mask`: one mask, a list (one per input), or nothing. */
export type KwargsMask = tf.Tensor | Array<tf.Tensor | null> | null | undefined;

/**
 * tfjs types `computeMask` as returning a tensor, but its engine reads `null` as "no mask"
 * (and so do its own layers); this is that null, typed.
 */
export const NO_MASK = null as unknown as tf.Tensor;

/** Logit given to masked-out positions before a softmax (Keras uses the same value). */
export const MASKED_LOGIT = -1e9;

/** A Keras-style argument error: "Received an invalid value for `x`, expected …. Received: x=…". */
export function invalidArgument(name: string, expected: string, value: unknown): Error {
  const shown = typeof value === 'string' ? `'${value}'` : String(value);
  return new Error(`Received an invalid value for \`${name}\`, expected ${expected}. Received: ${name}=${shown}`);
}

export function checkPositiveInt(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw invalidArgument(name, 'a positive integer', value);
  }
  return value;
}

export function checkRate(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw invalidArgument(name, 'a number in [0, 1)', value);
  }
  return value;
}

export function checkOneOf<T extends string>(name: string, value: unknown, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw invalidArgument(name, `one of ${options.map((o) => `'${o}'`).join(', ')}`, value);
  }
  return value as T;
}

export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalidArgument(name, 'a boolean', value);
  return value;
}

export function checkInt(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidArgument(name, 'an integer', value);
  return value;
}

/** A list of inputs, whether one tensor or several was given. */
export function toList<T>(x: T | T[]): T[] {
  return Array.isArray(x) ? x : [x];
}

/** A list of shapes, whether one shape or several was given (a shape is itself an array). */
export function toShapeList(shape: tf.Shape | tf.Shape[]): tf.Shape[] {
  return shape.length > 0 && Array.isArray(shape[0]) ? (shape as tf.Shape[]) : [shape as tf.Shape];
}

/** Any mask (boolean, 0/1 float or int) as float32 0/1 of the same shape. */
export function toFloatMask(mask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.cast(tf.cast(mask, 'bool'), 'float32'));
}
