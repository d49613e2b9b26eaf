import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/** What `detectGpu` found, and how it found it. */
export interface GpuDetection {
  /** True when at least one NVIDIA GPU is visible to this process. */
  visible: boolean;
  /** One entry per visible GPU (model name where known). */
  devices: string[];
  /** How the answer was reached, e.g. "/proc/driver/nvidia/gpus lists 1 GPU". */
  source: string;
}

export interface DetectGpuOptions {
  /** Folder the NVIDIA kernel driver fills with one entry per GPU. Defaults to `/proc/driver/nvidia/gpus`. */
  procDir?: string;
  /** The `nvidia-smi` executable, asked with `-L` when `procDir` is absent. Defaults to `nvidia-smi` on PATH. */
  nvidiaSmi?: string;
  /** Environment to read `CUDA_VISIBLE_DEVICES` from. Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_PROC_DIR = '/proc/driver/nvidia/gpus';

/**
 * Finds NVIDIA GPUs visible to this process without loading any CUDA library:
 * `CUDA_VISIBLE_DEVICES` set to "" or "-1" hides them all; otherwise the driver's
 * `/proc/driver/nvidia/gpus` entries are counted (Linux), falling back to `nvidia-smi -L`.
 */
export function detectGpu(options: DetectGpuOptions = {}): GpuDetection {
  const env = options.env ?? process.env;
  const procDir = options.procDir ?? DEFAULT_PROC_DIR;
  const nvidiaSmi = options.nvidiaSmi ?? 'nvidia-smi';

  const cudaVisible = env.CUDA_VISIBLE_DEVICES;
  if (cudaVisible !== undefined && (cudaVisible.trim() === '' || cudaVisible.trim() === '-1')) {
    return { visible: false, devices: [], source: `CUDA_VISIBLE_DEVICES=${JSON.stringify(cudaVisible)} hides all GPUs` };
  }

  const fromProc = readProcGpus(procDir);
  if (fromProc.length > 0) {
    return { visible: true, devices: fromProc, source: `${procDir} lists ${plural(fromProc.length, 'GPU')}` };
  }

  const smi = runNvidiaSmi(nvidiaSmi);
  if (smi.devices.length > 0) {
    return { visible: true, devices: smi.devices, source: `${nvidiaSmi} -L lists ${plural(smi.devices.length, 'GPU')}` };
  }
  const procWhy = existsSync(procDir) ? `${procDir} is empty` : `${procDir} absent`;
  return { visible: false, devices: [], source: `no NVIDIA GPU visible (${procWhy}; ${smi.why})` };
}

/** Reads `<procDir>/<bus id>/information`; returns the model names (or bus ids). */
function readProcGpus(procDir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(procDir);
  } catch {
    return [];
  }
  return entries.sort().map((busId) => {
    try {
      const info = readFileSync(join(procDir, busId, 'information'), 'utf8');
      const model = /^Model:\s*(.+)$/m.exec(info)?.[1]?.trim();
      return model ? `${model} (${busId})` : busId;
    } catch {
      return busId;
    }
  });
}

function runNvidiaSmi(command: string): { devices: string[]; why: string } {
  let stdout: string;
  try {
    stdout = execFileSync(command, ['-L'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { devices: [], why: code === 'ENOENT' ? `${command} not found` : `${command} -L failed` };
  }
  // Lines look like "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-…)".
  const devices = stdout
    .split('\n')
    .map((line) => /^GPU \d+:\s*(.+?)(?:\s+\(UUID:.*\))?$/.exec(line.trim())?.[1])
    .filter((name): name is string => name !== undefined);
  return { devices, why: devices.length === 0 ? `${command} -L lists no GPU` : '' };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
