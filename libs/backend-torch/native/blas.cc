#include "blas.h"

#include <ATen/Context.h>

#include <cstdlib>
#include <dlfcn.h>

namespace mimo {

std::string settleBlasThreads() {
  if (at::hasMKL()) return "MKL";  // at::set_num_threads sizes it
  // Already loaded by libtorch if it is OpenBLAS (RTLD_NOLOAD: never loads it ourselves).
  void* openblas = dlopen("libopenblas.so.0", RTLD_LAZY | RTLD_NOLOAD);
  if (openblas == nullptr) return "system BLAS (not OpenBLAS or MKL)";
  auto config = reinterpret_cast<const char* (*)()>(dlsym(openblas, "openblas_get_config"));
  auto parallel = reinterpret_cast<int (*)()>(dlsym(openblas, "openblas_get_parallel"));
  auto setThreads = reinterpret_cast<void (*)(int)>(dlsym(openblas, "openblas_set_num_threads"));
  std::string name = config == nullptr ? "OpenBLAS" : config();
  // "OpenBLAS 0.3.21 DYNAMIC_ARCH …": keep the name and version.
  size_t second = name.find(' ', name.find(' ') + 1);
  if (second != std::string::npos) name.resize(second);
  const int mode = parallel == nullptr ? -1 : parallel();  // 0 sequential, 1 pthreads, 2 OpenMP
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
  dlclose(openblas);  // drops the reference RTLD_NOLOAD took; libtorch keeps it loaded
  return name;
}

}  // namespace mimo
