#include "thread_handoff.h"

#include <dlfcn.h>

namespace mimo {

namespace {
thread_local bool backToBack = false;

// libtorch's OpenMP runtime (libgomp or libiomp5) and MKL where libtorch carries it, looked up once: the addon is
// not always compiled with -fopenmp (find-libtorch.js). MKL's C entry point is MKL_Set_Num_Threads_Local (the
// symbol mkl_set_num_threads_local is its Fortran twin, which takes a pointer).
struct ThreadControls {
  int (*getMaxThreads)() = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "omp_get_max_threads"));
  void (*setNumThreads)(int) = reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
  int (*mklSetLocal)(int) = reinterpret_cast<int (*)(int)>(dlsym(RTLD_DEFAULT, "MKL_Set_Num_Threads_Local"));
};

const ThreadControls& threadControls() {
  static const ThreadControls controls;
  return controls;
}

}  // namespace

BackToBackCalls::BackToBackCalls() : outer_(!backToBack) { backToBack = true; }

BackToBackCalls::~BackToBackCalls() {
  if (outer_) backToBack = false;
}

void runParallelWorkAlone() {
  const ThreadControls& controls = threadControls();
  if (controls.setNumThreads != nullptr) controls.setNumThreads(1);
  if (controls.mklSetLocal != nullptr) controls.mklSetLocal(1);
}

int64_t handoffGrain(int64_t backToBackGrain) { return backToBack ? backToBackGrain : 8 * backToBackGrain; }

OneThreadForSmallWork::OneThreadForSmallWork(int64_t work, int64_t backToBackGrain) {
  const ThreadControls& controls = threadControls();
  if (controls.getMaxThreads == nullptr || controls.setNumThreads == nullptr) return;
  const int threads = controls.getMaxThreads();
  if (threads <= 1 || work >= handoffGrain(backToBackGrain) * threads) return;
  savedThreads_ = threads;
  controls.setNumThreads(1);
  if (controls.mklSetLocal != nullptr) savedMkl_ = controls.mklSetLocal(1);
}

OneThreadForSmallWork::~OneThreadForSmallWork() {
  if (savedThreads_ == 0) return;
  const ThreadControls& controls = threadControls();
  controls.setNumThreads(savedThreads_);
  if (controls.mklSetLocal != nullptr) controls.mklSetLocal(savedMkl_);
}

}  // namespace mimo
