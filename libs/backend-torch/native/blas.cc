#include "blas.h"

#include <ATen/Context.h>

#include <cstdlib>
#include <dlfcn.h>

namespace mimo {

std::string settleBlasThreads() {
  if (at::hasMKL()) return "MKL";  // at::set_num_threads sizes it
  // OpenBLAS, under whatever file name, is in this addon's dependency tree (through libtorch): dlsym on the addon's
  // own handle searches that tree. RTLD_NOLOAD: only a handle to what is loaded already.
  Dl_info self;
  void* addon = dladdr(reinterpret_cast<void*>(&settleBlasThreads), &self) != 0 ? dlopen(self.dli_fname, RTLD_LAZY | RTLD_NOLOAD) : nullptr;
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
