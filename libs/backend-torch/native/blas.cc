#include "blas.h"

#include "small_gemm.h"

#include <ATen/ATen.h>
#include <ATen/Context.h>

#include <cstdlib>
#include <dlfcn.h>

namespace mimo {

namespace {

// A handle to this addon, whose dependency tree (through libtorch) holds the BLAS under whatever file name: dlsym on
// it searches that tree. RTLD_NOLOAD: only a handle to what is loaded already; null if that fails.
void* addonHandle() {
  Dl_info self;
  return dladdr(reinterpret_cast<void*>(&addonHandle), &self) != 0 ? dlopen(self.dli_fname, RTLD_LAZY | RTLD_NOLOAD) : nullptr;
}

// The Fortran BLAS sgemm_ (column-major; 32-bit integers, as libtorch's LP64 BLAS), which OpenBLAS and MKL export.
using Sgemm = void (*)(const char*, const char*, const int*, const int*, const int*, const float*, const float*, const int*, const float*, const int*,
                       const float*, float*, const int*);

Sgemm findSgemm() {
  void* addon = addonHandle();
  if (addon == nullptr) return nullptr;
  auto sgemm = reinterpret_cast<Sgemm>(dlsym(addon, "sgemm_"));
  dlclose(addon);  // the BLAS stays loaded with the addon
  return sgemm;
}

}  // namespace

void sgemmRowMajor(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  if (n % 16 == 0 && smallGemmAvailable()) {
    smallGemm(ALayout::Rows, m, n, k, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  static const Sgemm sgemm = findSgemm();
  if (sgemm != nullptr) {
    // Column-major, the row-major product is Cᵀ = Bᵀ·Aᵀ.
    const int cm = static_cast<int>(n), cn = static_cast<int>(m), ck = static_cast<int>(k);
    const int ldB = static_cast<int>(ldb), ldA = static_cast<int>(lda), ldC = static_cast<int>(ldc);
    const float one = 1.0f;
    sgemm("N", "N", &cm, &cn, &ck, &one, b, &ldB, a, &ldA, &beta, c, &ldC);
    return;
  }
  const auto options = at::TensorOptions().dtype(at::kFloat);
  at::Tensor A = at::from_blob(const_cast<float*>(a), {m, k}, {lda, 1}, options);
  at::Tensor B = at::from_blob(const_cast<float*>(b), {k, n}, {ldb, 1}, options);
  at::from_blob(c, {m, n}, {ldc, 1}, options).addmm_(A, B, beta, 1.0f);
}

std::string settleBlasThreads() {
  if (at::hasMKL()) return "MKL";  // at::set_num_threads sizes it
  void* addon = addonHandle();
  if (addon == nullptr) return "system BLAS (unknown)";
  auto config = reinterpret_cast<const char* (*)()>(dlsym(addon, "openblas_get_config"));
  auto parallel = reinterpret_cast<int (*)()>(dlsym(addon, "openblas_get_parallel"));
  auto setThreads = reinterpret_cast<void (*)(int)>(dlsym(addon, "openblas_set_num_threads"));
  std::string name = "system BLAS (not OpenBLAS or MKL)";
  if (parallel != nullptr) {
    name = config == nullptr ? "OpenBLAS" : config();
    // "OpenBLAS 0.3.21 DYNAMIC_ARCH …": keep the name and version.
    size_t second = name.find(' ', name.find(' ') + 1);
    if (second != std::string::npos) name.resize(second);
    const int mode = parallel();  // 0 sequential, 1 pthreads, 2 OpenMP
    if (mode == 1 && setThreads != nullptr && std::getenv("OPENBLAS_NUM_THREADS") == nullptr) {
      setThreads(1);
      name += " (pthreads, 1 thread beside libtorch's)";
    } else if (mode == 1) {
      name += " (pthreads, OPENBLAS_NUM_THREADS)";
    } else if (mode == 2) {
      name += " (OpenMP)";
    } else if (mode == 0) {
      name += " (sequential)";
    }
  }
  dlclose(addon);  // drops the reference RTLD_NOLOAD took; the addon stays loaded
  return name;
}

}  // namespace mimo
