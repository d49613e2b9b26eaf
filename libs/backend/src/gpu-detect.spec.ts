import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { detectGpu } from './gpu-detect';

describe('detectGpu', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mimo-gpu-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const missingSmi = () => join(dir, 'no-such-nvidia-smi');

  it('counts the driver entries under /proc/driver/nvidia/gpus and reads their model', () => {
    const procDir = join(dir, 'gpus');
    mkdirSync(join(procDir, '0000:1b:00.0'), { recursive: true });
    // Verbatim layout of the driver's file on an H100 machine.
    writeFileSync(
      join(procDir, '0000:1b:00.0', 'information'),
      'Model: \t\t NVIDIA H100 80GB HBM3\nIRQ:   \t\t 41\nGPU UUID: \t GPU-d4174e06-3953-4df1-af4c-b63a6c12a27b\nBus Type: \t PCIe\n',
    );
    mkdirSync(join(procDir, '0000:2c:00.0'));

    const found = detectGpu({ procDir, nvidiaSmi: missingSmi(), env: {} });

    expect(found).toEqual({
      visible: true,
      devices: ['NVIDIA H100 80GB HBM3 (0000:1b:00.0)', '0000:2c:00.0'],
      source: `${procDir} lists 2 GPUs`,
    });
  });

  it('falls back to `nvidia-smi -L` when the proc folder is absent', () => {
    const smi = join(dir, 'nvidia-smi');
    // Verbatim `nvidia-smi -L` line from an H100 machine.
    writeFileSync(smi, '#!/bin/sh\necho "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-d4174e06-3953-4df1-af4c-b63a6c12a27b)"\n');
    chmodSync(smi, 0o755);

    const found = detectGpu({ procDir: join(dir, 'absent'), nvidiaSmi: smi, env: {} });

    expect(found).toEqual({ visible: true, devices: ['NVIDIA H100 80GB HBM3'], source: `${smi} -L lists 1 GPU` });
  });

  it('reports no GPU, and both places it looked, when neither is there', () => {
    const found = detectGpu({ procDir: join(dir, 'absent'), nvidiaSmi: missingSmi(), env: {} });

    expect(found.visible).toBe(false);
    expect(found.devices).toEqual([]);
    expect(found.source).toContain(`${join(dir, 'absent')} absent`);
    expect(found.source).toContain(`${missingSmi()} not found`);
  });

  it.each(['-1', ''])('treats CUDA_VISIBLE_DEVICES=%j as no GPU even when the driver lists one', (value) => {
    const procDir = join(dir, 'gpus');
    mkdirSync(join(procDir, '0000:1b:00.0'), { recursive: true });

    const found = detectGpu({ procDir, nvidiaSmi: missingSmi(), env: { CUDA_VISIBLE_DEVICES: value } });

    expect(found.visible).toBe(false);
    expect(found.source).toContain('CUDA_VISIBLE_DEVICES');
  });
});
