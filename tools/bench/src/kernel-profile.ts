import * as tf from '@tensorflow/tfjs';
import { TimedTraining } from './measure';

/** Time spent in one kernel's body while a profile ran (the tfjs engine's own work around it not included). */
export interface KernelTime {
  kernel: string;
  milliseconds: number;
  calls: number;
}

/**
 * Runs `run` with every kernel registered for `backendName` timed, then puts the original kernels back.
 * → the kernels that ran, slowest first. Only the kernel bodies are timed, so the step time less their sum is
 * the engine's and the model code's share.
 */
export async function profileKernels(backendName: string, run: () => Promise<void>): Promise<KernelTime[]> {
  const times = new Map<string, KernelTime>();
  const originals = tf.getKernelsForBackend(backendName);
  const replace = (configs: tf.KernelConfig[]) =>
    configs.forEach((config) => {
      tf.unregisterKernel(config.kernelName, backendName);
      tf.registerKernel(config);
    });
  replace(
    originals.map((config) => ({
      ...config,
      kernelFunc: (args: Parameters<tf.KernelFunc>[0]) => {
        const start = performance.now();
        try {
          return config.kernelFunc(args);
        } finally {
          const entry = times.get(config.kernelName) ?? { kernel: config.kernelName, milliseconds: 0, calls: 0 };
          entry.milliseconds += performance.now() - start;
          entry.calls++;
          times.set(config.kernelName, entry);
        }
      },
    })),
  );
  try {
    await run();
  } finally {
    replace(originals);
  }
  return [...times.values()].sort((a, b) => b.milliseconds - a.milliseconds);
}

/** Where a training step's time goes on the active backend. */
export interface StepProfile {
  stepMs: number;
  /** Time inside kernel bodies per step; the rest is tfjs's engine and the model code. */
  inKernelsMs: number;
  callsPerStep: number;
  /** Totals over all profiled steps, slowest first. */
  kernels: KernelTime[];
}

/** Runs `warmup` steps, then times `steps` steps of `training` with every kernel of the active backend timed. */
export async function profileTraining(training: TimedTraining, steps: number, warmup: number): Promise<StepProfile> {
  for (let i = 0; i < warmup; i++) await training.step();
  const start = performance.now();
  const kernels = await profileKernels(tf.getBackend(), async () => {
    for (let i = 0; i < steps; i++) await training.step();
  });
  return {
    stepMs: (performance.now() - start) / steps,
    inKernelsMs: kernels.reduce((sum, k) => sum + k.milliseconds, 0) / steps,
    callsPerStep: kernels.reduce((sum, k) => sum + k.calls, 0) / steps,
    kernels,
  };
}
