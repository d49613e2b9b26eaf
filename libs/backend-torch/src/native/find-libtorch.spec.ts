// The build script is plain CommonJS (it runs before anything is compiled).
const { openmpFlagFor } = require('../../scripts/find-libtorch.js') as { openmpFlagFor: (dynamicSection: string, compilerMacros: string) => string };

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
