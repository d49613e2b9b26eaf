#!/usr/bin/env node
// Finds libtorch for the native build, in this order: $LIBTORCH (an unpacked libtorch
// folder), a Python torch installation (`python3 -c "import torch"`), Debian's
// libtorch-dev (/usr/include/ATen, /usr/lib/<multiarch>/libtorch_cpu.so).
//   node find-libtorch.js            → JSON { found, reason?, source, includeDirs, libDir, abi }
//   node find-libtorch.js includes   → include folders, space separated (binding.gyp)
//   node find-libtorch.js libraries  → linker flags (binding.gyp)
//   node find-libtorch.js abi        → 0 or 1, for -D_GLIBCXX_USE_CXX11_ABI (binding.gyp)
//   node find-libtorch.js openmp     → the OpenMP flag matching libtorch's threading (binding.gyp)
//   node find-libtorch.js c10d       → flags that compile the distributed part, empty without Gloo headers (binding.gyp)
//   node find-libtorch.js cuda       → flags that compile CUDA graphs of replayed steps, empty without a CUDA build and headers (binding.gyp)
'use strict';
const { execFileSync } = require('child_process');
const { existsSync, readFileSync } = require('fs');
const path = require('path');

const LIBS = ['torch', 'torch_cpu', 'c10'];

function describe(source, root, includeDirs, libDir, abi) {
  const header = includeDirs.map((dir) => path.join(dir, 'ATen', 'Tensor.h')).find(existsSync);
  if (!header) return { found: false, reason: `${source}: no ATen headers under ${includeDirs.join(', ')}` };
  if (!existsSync(path.join(libDir, 'libtorch_cpu.so'))) return { found: false, reason: `${source}: no libtorch_cpu.so in ${libDir}` };
  return { found: true, source, root, includeDirs, libDir, abi };
}

function fromEnv() {
  const root = process.env.LIBTORCH;
  if (!root) return { found: false, reason: 'LIBTORCH not set' };
  const cmake = path.join(root, 'share', 'cmake', 'Torch', 'TorchConfig.cmake');
  const abiMatch = existsSync(cmake) ? /_GLIBCXX_USE_CXX11_ABI=(\d)/.exec(readFileSync(cmake, 'utf8')) : null;
  const include = path.join(root, 'include');
  return describe(`LIBTORCH=${root}`, root, [include, path.join(include, 'torch', 'csrc', 'api', 'include')], path.join(root, 'lib'), abiMatch ? Number(abiMatch[1]) : 1);
}

function fromPython() {
  const script = 'import os, torch; print(os.path.dirname(torch.__file__)); print(int(torch._C._GLIBCXX_USE_CXX11_ABI))';
  const reasons = [];
  for (const python of ['python3', '/usr/bin/python3']) {
    let out;
    try {
      out = execFileSync(python, ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60000 });
    } catch {
      reasons.push(`${python} cannot import torch`);
      continue;
    }
    const [root, abi] = out.trim().split('\n');
    const include = path.join(root, 'include');
    const found = describe(`python torch (${python})`, root, [include, path.join(include, 'torch', 'csrc', 'api', 'include')], path.join(root, 'lib'), Number(abi));
    if (found.found) return found;
    reasons.push(found.reason);
  }
  return { found: false, reason: reasons.join('; ') };
}

function fromDebian() {
  let multiarch = 'x86_64-linux-gnu';
  try {
    multiarch = execFileSync('gcc', ['-print-multiarch'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || multiarch;
  } catch {
    // No gcc: the build fails later anyway; keep the usual name for the message.
  }
  return describe('Debian libtorch-dev', '/usr', ['/usr/include', '/usr/include/torch/csrc/api/include'], `/usr/lib/${multiarch}`, 1);
}

function findLibtorch() {
  const tried = [];
  for (const find of [fromEnv, fromPython, fromDebian]) {
    const result = find();
    if (result.found) return result;
    tried.push(result.reason);
  }
  return { found: false, reason: `libtorch not found (${tried.join('; ')}); install it with \`apt-get install libtorch-dev\` or set LIBTORCH` };
}

/**
 * -fopenmp when libtorch_cpu runs on an OpenMP runtime (`dynamicSection`: its `readelf -d`) and the compiler is
 * GCC (`compilerMacros`: its `-dM -E` output), so that at::parallel_for in the addon splits work across
 * libtorch's threads. GCC's OpenMP calls GOMP_*, which the addon leaves to libtorch's own runtime (libgomp, a
 * wheel's bundled copy, or libiomp5, which exports them too) rather than linking a second one; clang's calls
 * __kmpc_*, which libgomp lacks. Otherwise -fopenmp-simd: vector loops only, serial.
 */
function openmpFlagFor(dynamicSection, compilerMacros) {
  const openmpRuntime = /\(NEEDED\).*\[lib(gomp|iomp5)[^\]]*\]/.test(dynamicSection);
  const gcc = /#define __GNUC__ /.test(compilerMacros) && !/#define __clang__ /.test(compilerMacros);
  return openmpRuntime && gcc ? '-fopenmp' : '-fopenmp-simd';
}

/** The OpenMP flag for the libtorch in `libDir` and node-gyp's compiler ($CXX, else g++); serial when either cannot be asked. */
function openmpFlag(libDir) {
  const output = (command, args) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return '';
    }
  };
  const dynamicSection = output('readelf', ['-d', path.join(libDir, 'libtorch_cpu.so')]);
  return openmpFlagFor(dynamicSection, output(process.env.CXX || 'g++', ['-dM', '-E', '-x', 'c++', '/dev/null']));
}

/**
 * Where the Gloo headers that c10d's ProcessGroupGloo.hpp includes are: $GLOO_INCLUDE, libtorch's own include
 * folders, then the system's (Debian's libgloo-dev). libtorch carries the Gloo code itself; only the headers are
 * needed. → { found: true, includeDir } or { found: false, reason }.
 */
function findGloo(libtorch) {
  const candidates = [process.env.GLOO_INCLUDE, ...libtorch.includeDirs, '/usr/include', '/usr/local/include'].filter(Boolean);
  const c10d = libtorch.includeDirs.map((dir) => path.join(dir, 'torch', 'csrc', 'distributed', 'c10d', 'ProcessGroupGloo.hpp')).find(existsSync);
  if (!c10d) return { found: false, reason: `${libtorch.source} has no c10d headers (ProcessGroupGloo.hpp)` };
  const includeDir = candidates.find((dir) => existsSync(path.join(dir, 'gloo', 'algorithm.h')));
  if (!includeDir) return { found: false, reason: 'no Gloo headers (gloo/algorithm.h); install libgloo-dev or set GLOO_INCLUDE' };
  return { found: true, includeDir };
}

/** Whether `libtorch` is a CUDA build (it has libtorch_cuda.so). */
function isCudaBuild(libtorch) {
  return existsSync(path.join(libtorch.libDir, 'libtorch_cuda.so'));
}

/**
 * Where the CUDA runtime's headers that ATen/cuda/CUDAGraph.h includes are, for a CUDA build of libtorch:
 * $CUDA_HOME, /usr/local/cuda, the system's (Debian's nvidia-cuda-dev), then the nvidia-* wheels beside a Python
 * torch (nvidia/cuda_runtime/include, nvidia/cu13/include). → { found: true, includeDir } or { found: false, reason }.
 */
function findCudaHeaders(libtorch) {
  if (!isCudaBuild(libtorch)) return { found: false, reason: `${libtorch.source} is not a CUDA build (no libtorch_cuda.so)` };
  if (!libtorch.includeDirs.some((dir) => existsSync(path.join(dir, 'ATen', 'cuda', 'CUDAGraph.h')))) return { found: false, reason: `${libtorch.source} has no ATen/cuda/CUDAGraph.h` };
  const wheels = path.join(libtorch.root, '..', 'nvidia');
  const candidates = [process.env.CUDA_HOME && path.join(process.env.CUDA_HOME, 'include'), '/usr/local/cuda/include', '/usr/include',
    path.join(wheels, 'cuda_runtime', 'include'), path.join(wheels, 'cu13', 'include')].filter(Boolean);
  const includeDir = candidates.find((dir) => existsSync(path.join(dir, 'cuda_runtime_api.h')));
  if (!includeDir) return { found: false, reason: `no CUDA headers (cuda_runtime_api.h) in ${candidates.join(', ')}; set CUDA_HOME` };
  return { found: true, includeDir };
}

module.exports = { findLibtorch, findGloo, findCudaHeaders, isCudaBuild, openmpFlagFor };

if (require.main === module) {
  const found = findLibtorch();
  const what = process.argv[2];
  if (what === undefined) {
    process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
  } else if (!found.found) {
    process.stderr.write(`${found.reason}\n`);
    process.exit(1);
  } else if (what === 'includes') {
    // /usr/include is already a system folder; naming it with -I would reorder libc++'s headers.
    process.stdout.write(found.includeDirs.filter((dir) => dir !== '/usr/include').join(' '));
  } else if (what === 'libraries') {
    // A CUDA build of libtorch adds torch_cuda and c10_cuda: link them so the cuda device's kernels register.
    const cuda = isCudaBuild(found) ? ['torch_cuda', 'c10_cuda'] : [];
    const libs = [...LIBS, ...cuda].map((lib) => `-l${lib}`).join(' ');
    // --no-as-needed keeps libtorch.so (and, in a CUDA build, libtorch_cuda's kernel registrations) loaded.
    process.stdout.write(`-L${found.libDir} -Wl,-rpath,${found.libDir} -Wl,--no-as-needed ${libs} -Wl,--as-needed`);
  } else if (what === 'abi') {
    process.stdout.write(String(found.abi));
  } else if (what === 'c10d') {
    const gloo = findGloo(found);
    if (gloo.found) process.stdout.write(`-DMIMO_C10D -DUSE_C10D_GLOO${gloo.includeDir === '/usr/include' ? '' : ` -I${gloo.includeDir}`}`);
  } else if (what === 'cuda') {
    const cuda = findCudaHeaders(found);
    if (cuda.found) process.stdout.write(`-DMIMO_CUDA_GRAPHS${cuda.includeDir === '/usr/include' ? '' : ` -I${cuda.includeDir}`}`);
  } else if (what === 'openmp') {
    process.stdout.write(openmpFlag(found.libDir));
  }
}
