import * as tf from '@tensorflow/tfjs';
import * as os from 'os';
import { distributedStatus } from '@mimo/backend-torch';
import { CpuContention, measureCpuContention } from './cpu-contention';
import { detectGpu, GpuDetection } from './gpu-detect';
import { getKernelBridge, KernelBridge } from './kernel-bridge';
import { firstLine } from './optional-package';
import {
  BackendChoice,
  describeBackend,
  initBackend,
  InitBackendOptions,
  MimoBackendProbe,
  probeBackends,
} from './resolve-backend';

/** What `mimo doctor` prints: the machine, every backend, and the one a run would pick. */
export interface DoctorReport {
  /** `process.version`, e.g. "v20.20.2". */
  node: string;
  /** `tf.version.tfjs`. */
  tfjs: string;
  platform: NodeJS.Platform;
  arch: string;
  /** Logical CPUs available to this process. */
  cpus: number;
  cpuModel?: string;
  /** Backend-related environment variables that are set (MIMO_BACKEND, MIMO_DEVICE, MIMO_THREADS, MIMO_FLUSH_DENORMALS, MIMO_KERNEL_THREAD, CUDA_VISIBLE_DEVICES). */
  env: Record<string, string>;
  gpu: GpuDetection;
  /** Every backend in selection order. */
  backends: MimoBackendProbe[];
  /** The backend a run would pick (honouring MIMO_BACKEND / options), or why none can be. */
  selection: DoctorSelection;
  /** Whether data-parallel training (c10d's Gloo in the torch addon, docs/distributed.md) can run here, and if not, why. */
  distributed: { available: true } | { available: false; reason: string };
  /** Whether other processes keep cores busy, so that the run's threads would share them (sampled for 300 ms). */
  cpu: CpuContention;
}

export type DoctorSelection =
  | {
      ok: true;
      choice: BackendChoice;
      /** `describeBackend(choice)`. */
      summary: string;
      /** Kernels the chosen backend borrows from another backend, if any. */
      bridge?: KernelBridge;
    }
  | { ok: false; error: string };

const REPORTED_ENV = ['MIMO_BACKEND', 'MIMO_DEVICE', 'MIMO_THREADS', 'MIMO_FLUSH_DENORMALS', 'MIMO_KERNEL_THREAD', 'CUDA_VISIBLE_DEVICES'] as const;

/**
 * Gathers the doctor report. Initialises the backend exactly as a run would (so it
 * leaves that backend active); a forced backend that is unusable is reported, not thrown.
 */
export async function doctorReport(options: InitBackendOptions = {}): Promise<DoctorReport> {
  const backends = await probeBackends();
  let selection: DoctorSelection;
  try {
    const choice = await initBackend(options);
    selection = {
      ok: true,
      choice,
      summary: describeBackend(choice),
      bridge: getKernelBridge(choice.tfjsBackend),
    };
  } catch (error) {
    selection = { ok: false, error: error instanceof Error ? error.message : firstLine(error) };
  }
  const env: Record<string, string> = {};
  for (const key of REPORTED_ENV) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  const cpus = os.availableParallelism();
  const cpu = await measureCpuContention((selection.ok ? selection.choice.threads : undefined) ?? cpus);
  return {
    node: process.version,
    tfjs: tf.version.tfjs,
    platform: process.platform,
    arch: process.arch,
    cpus,
    cpuModel: os.cpus()[0]?.model.trim(),
    env,
    gpu: detectGpu(),
    backends,
    selection,
    distributed: distributedStatus(),
    cpu,
  };
}

/** The report as aligned plain text (no colours: it goes into bug reports and CI logs). */
export function formatDoctorReport(report: DoctorReport): string {
  const envLine = Object.keys(report.env).length === 0
    ? `(none of ${REPORTED_ENV.join(', ')} set)`
    : Object.entries(report.env).map(([key, value]) => `${key}=${value}`).join(' ');
  const gpu = report.gpu.visible ? `${report.gpu.devices.join(', ')} — ${report.gpu.source}` : report.gpu.source;

  const lines: string[] = ['Mimo doctor', ''];
  lines.push(
    ...alignRows([
      ['node', report.node],
      ['tfjs', report.tfjs],
      ['platform', `${report.platform} ${report.arch}`],
      ['cpus', report.cpuModel ? `${report.cpus} × ${report.cpuModel}` : String(report.cpus)],
      ['gpu', gpu],
      ['env', envLine],
    ]).map((row) => `  ${row}`),
  );
  lines.push('', 'Backends (selection order)', '');
  lines.push(
    ...alignRows([
      ['backend', 'package', 'version', 'installed', 'usable', 'why'],
      ...report.backends.map((probe) => [
        probe.name,
        probe.package,
        probe.version ?? '-',
        probe.installed ? 'yes' : 'no',
        probe.usable ? 'yes' : 'no',
        probe.reason,
      ]),
    ]).map((row) => `  ${row}`),
  );
  lines.push('');
  if (report.selection.ok) {
    const { choice, bridge } = report.selection;
    lines.push('A run would use', '');
    lines.push(
      ...alignRows([
        ['backend', `${choice.name} (tf.getBackend() = '${choice.tfjsBackend}')`],
        ['device', choice.device],
        ['threads', choice.threads === undefined ? 'not reported by the backend' : String(choice.threads)],
        ['why', choice.reason],
        [
          'bridged',
          bridge === undefined || bridge.bridged.length === 0
            ? '(none)'
            : `${bridge.bridged.length} kernels from ${bridge.sourceBackend}: ${bridge.bridged.join(', ')}`,
        ],
      ]).map((row) => `  ${row}`),
    );
  } else {
    lines.push('A run would fail to start', '', `  ${report.selection.error}`);
  }
  const { distributed } = report;
  lines.push('', `CPU: ${report.cpu.summary}`);
  lines.push('', `Distributed training (c10d, Gloo): ${distributed.available ? 'available (--nproc-per-node N, torchrun; docs/distributed.md)' : `not available: ${distributed.reason}`}`);
  return `${lines.join('\n')}\n`;
}

/** Pads every column but the last to its widest cell. */
function alignRows(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
