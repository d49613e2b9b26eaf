import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '../random/seeded-random';

interface OrthogonalArgs {
  /** Multiplies the orthogonal matrix. Defaults to 1. */
  gain?: number;
  /** Seed of the normal matrix; a fresh one each call when absent. */
  seed?: number;
}

const registered = tf.serialization.SerializationMap.getMap().classNameMap.Orthogonal;
if (registered === undefined) throw new Error("tfjs-layers registers no 'Orthogonal' initializer class to extend.");
type Initializer = ReturnType<typeof tf.initializers.orthogonal>;
const StockOrthogonal = registered[0] as unknown as new (args?: OrthogonalArgs) => Initializer;

/**
 * tfjs-layers' Orthogonal initializer (same className and config, so saved models load anywhere) computed in
 * float64 JavaScript: Gram–Schmidt on a seeded normal matrix, which is its QR with R's diagonal made positive,
 * as tfjs does. tfjs's own runs QR op by op (about a second per LSTM on a 2-core machine) and warns on every
 * matrix over 2,000 weights. Shape `[…, cols]` is taken as a `[rows, cols]` matrix, rows the product of the rest.
 */
export class OrthogonalInitializer extends StockOrthogonal {
  static className = 'Orthogonal';
  private readonly args: OrthogonalArgs;

  constructor(args: OrthogonalArgs = {}) {
    super(args);
    this.args = args;
  }

  override apply(shape: tf.Shape, dtype?: tf.DataType): tf.Tensor {
    if (shape.length < 2 || shape.some((d) => d === null)) throw new Error(`Orthogonal initializer: expected a shape of at least 2 known dims, received [${shape}]`);
    if (dtype !== undefined && dtype !== 'float32' && dtype !== 'int32') throw new TypeError(`Orthogonal initializer: unsupported data type ${dtype}`);
    const dims = shape as number[];
    const cols = dims[dims.length - 1];
    const rows = dims.slice(0, -1).reduce((a, b) => a * b, 1);
    const q = orthonormalColumns(Math.max(rows, cols), Math.min(rows, cols), new SeededRandom(this.args.seed ?? Math.floor(Math.random() * 2 ** 32)));
    const gain = this.args.gain ?? 1;
    const values = new Float32Array(rows * cols);
    const tall = rows >= cols; // q is [rows, cols] when tall, else its transpose is
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) values[r * cols + c] = gain * (tall ? q[r * cols + c] : q[c * rows + r]);
    }
    return tf.tensor(values, dims, dtype ?? 'float32');
  }
}

/** An `[n, k]` (n ≥ k) row-major matrix with orthonormal columns: modified Gram–Schmidt on a standard normal one. */
function orthonormalColumns(n: number, k: number, random: SeededRandom): Float64Array {
  const a = Float64Array.from({ length: n * k }, () => random.normal());
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < j; i++) {
      let dot = 0;
      for (let r = 0; r < n; r++) dot += a[r * k + i] * a[r * k + j];
      for (let r = 0; r < n; r++) a[r * k + j] -= dot * a[r * k + i];
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += a[r * k + j] ** 2;
    norm = Math.sqrt(norm);
    for (let r = 0; r < n; r++) a[r * k + j] /= norm;
  }
  return a;
}
