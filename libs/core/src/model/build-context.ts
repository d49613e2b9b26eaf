import * as tf from '@tensorflow/tfjs';
import { OrthogonalInitializer } from '../layers/orthogonal-initializer';

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/**
 * What every graph builder receives: a name prefix for its layers and a seed source,
 * so that the same spec and seed always give the same initial weights.
 */
export class BuildContext {
  constructor(
    private readonly prefix: string,
    private readonly baseSeed: number | undefined,
    private readonly counter: { next: number } = { next: 0 },
  ) {}

  /** A context for a sub-component: layer names get `prefix_` and seeds keep counting. */
  child(prefix: string): BuildContext {
    return new BuildContext(this.name(prefix), this.baseSeed, this.counter);
  }

  /** A unique, readable layer name: `<prefix>_<what>`. */
  name(what: string): string {
    return this.prefix ? `${this.prefix}_${what}` : what;
  }

  /** The next seed, or undefined when the spec has none (tfjs then draws fresh randomness). */
  nextSeed(): number | undefined {
    if (this.baseSeed === undefined) return undefined;
    this.counter.next += 1;
    return this.baseSeed * 1009 + this.counter.next;
  }

  kernelInitializer(): Initializer {
    return tf.initializers.glorotUniform({ seed: this.nextSeed() });
  }

  recurrentInitializer(): Initializer {
    return new OrthogonalInitializer({ seed: this.nextSeed() });
  }

  embeddingInitializer(): Initializer {
    return tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: this.nextSeed() });
  }
}
