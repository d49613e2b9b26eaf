import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface Libtorch {
  source: string;
  root: string;
  includeDirs: string[];
  libDir: string;
}
type Found = { found: true; includeDir: string } | { found: false; reason: string };

// The build script is plain CommonJS (it runs before anything is compiled).
const { openmpFlagFor, findCudaHeaders } = require('../../scripts/find-libtorch.js') as {
  openmpFlagFor: (dynamicSection: string, compilerMacros: string) => string;
  findCudaHeaders: (libtorch: Libtorch) => Found;
};

const NEEDS = (library: string) => ` 0x0000000000000001 (NEEDED)             Shared library: [${library}]\n`;
const GCC = '#define __GNUC__ 12\n#define __x86_64__ 1\n';
const CLANG = '#define __GNUC__ 4\n#define __clang__ 1\n';

describe('the addon OpenMP flag', () => {
  it("is -fopenmp with GCC when libtorch_cpu runs on libgomp, a wheel's bundled libgomp, or libiomp5", () => {
    for (const runtime of ['libgomp.so.1', 'libgomp-a34b3233.so.1', 'libiomp5.so']) {
      expect(openmpFlagFor(NEEDS('libc10.so') + NEEDS(runtime), GCC)).toBe('-fopenmp');
    }
  });

  it("is -fopenmp-simd (serial) without an OpenMP runtime, with clang (whose calls libgomp lacks), or when a tool could not be asked", () => {
    expect(openmpFlagFor(NEEDS('libc10.so'), GCC)).toBe('-fopenmp-simd');
    expect(openmpFlagFor(NEEDS('libgomp.so.1'), CLANG)).toBe('-fopenmp-simd');
    expect(openmpFlagFor('', GCC)).toBe('-fopenmp-simd');
    expect(openmpFlagFor(NEEDS('libgomp.so.1'), '')).toBe('-fopenmp-simd');
  });
});

describe('the CUDA headers that CUDA graphs of replayed steps compile against', () => {
  let dir: string;
  const touch = (...parts: string[]) => {
    fs.mkdirSync(path.join(dir, ...parts.slice(0, -1)), { recursive: true });
    fs.writeFileSync(path.join(dir, ...parts), '');
  };
  // A Python torch's layout: site-packages/torch/{include,lib}, the nvidia-* wheels beside it.
  const libtorch = (): Libtorch => ({ source: 'python torch', root: path.join(dir, 'torch'), includeDirs: [path.join(dir, 'torch', 'include')], libDir: path.join(dir, 'torch', 'lib') });
  const saved = process.env.CUDA_HOME;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mimo-cuda-'));
    touch('torch', 'lib', 'libtorch_cpu.so');
    process.env.CUDA_HOME = path.join(dir, 'cuda-home');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.CUDA_HOME;
    else process.env.CUDA_HOME = saved;
  });

  it('are not looked for in a libtorch without CUDA, nor in a CUDA one without ATen/cuda/CUDAGraph.h', () => {
    expect(findCudaHeaders(libtorch())).toEqual({ found: false, reason: 'python torch is not a CUDA build (no libtorch_cuda.so)' });
    touch('torch', 'lib', 'libtorch_cuda.so');
    expect(findCudaHeaders(libtorch())).toEqual({ found: false, reason: 'python torch has no ATen/cuda/CUDAGraph.h' });
  });

  it("are found in $CUDA_HOME first, then in the nvidia-* wheels beside a Python torch, else named where they were looked for", () => {
    touch('torch', 'lib', 'libtorch_cuda.so');
    touch('torch', 'include', 'ATen', 'cuda', 'CUDAGraph.h');
    if (!fs.existsSync('/usr/local/cuda/include/cuda_runtime_api.h') && !fs.existsSync('/usr/include/cuda_runtime_api.h')) {
      expect(findCudaHeaders(libtorch())).toMatchObject({ found: false, reason: expect.stringMatching(/^no CUDA headers \(cuda_runtime_api.h\) in .*cuda-home.*; set CUDA_HOME$/) });
    }
    touch('nvidia', 'cuda_runtime', 'include', 'cuda_runtime_api.h');
    if (!fs.existsSync('/usr/local/cuda/include/cuda_runtime_api.h') && !fs.existsSync('/usr/include/cuda_runtime_api.h')) {
      expect(findCudaHeaders(libtorch())).toEqual({ found: true, includeDir: path.join(dir, 'nvidia', 'cuda_runtime', 'include') });
    }
    touch('cuda-home', 'include', 'cuda_runtime_api.h');
    expect(findCudaHeaders(libtorch())).toEqual({ found: true, includeDir: path.join(dir, 'cuda-home', 'include') });
  });
});
