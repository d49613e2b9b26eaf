/** Where a backend runs its kernels. */
export type MimoDevice = 'cpu' | 'cuda';

/** What `probe()` found out about one backend without switching to it. */
export interface BackendProbe<N extends string = string> {
  /** Mimo backend name, e.g. `'wasm'`. */
  name: N;
  /** The npm package it comes from can be resolved. */
  installed: boolean;
  /** Installed and everything else it needs is there (GPU, native binding, matching version). */
  usable: boolean;
  /** One line: why it is (not) usable. */
  reason: string;
  /** The npm package it comes from. */
  package: string;
  /** That package's version, when installed. */
  version?: string;
}

/** What `activate()` reports once the backend is tf's active backend. */
export interface BackendActivation {
  device: MimoDevice;
  /** Worker threads the kernels use, where the backend says. */
  threads?: number;
  /** One line for the run log, e.g. "@tensorflow/tfjs-backend-wasm 4.22.0, SIMD, 1 thread". */
  detail: string;
}

/**
 * One row of the backend table: how to tell whether a backend can be used and how
 * to make it tf's active backend. A new backend is one more of these in the table.
 */
export interface BackendCandidate<N extends string = string> {
  readonly name: N;
  /** The npm package it comes from. */
  readonly package: string;
  /** The name it registers with `tf.registerBackend`. */
  readonly tfjsBackend: string;
  /** How to install it, for the error when it is forced but missing. */
  readonly installHint: string;
  /** Side-effect-light check: may load the package, never switches tf's backend. */
  probe(): Promise<BackendProbe<N>>;
  /** Makes it tf's active backend; throws with a one-line reason when that fails. Only called after a usable probe. */
  activate(): Promise<BackendActivation>;
}
