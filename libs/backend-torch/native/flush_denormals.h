// Denormal floats (magnitudes under 1.2e-38) cost Intel cores a microcode assist per operation: on a Xeon with
// AVX-512 the nlp app's first dozen training steps ran 10× slower than the rest, and PyTorch's twin of it 7×
// slower throughout, until its floats were flushed to zero. TensorFlow (so tfjs-node) flushes them in its kernels;
// ATen leaves them. Mimo flushes them in native calls only: JavaScript's own float math keeps IEEE semantics.
#pragma once

namespace mimo {

/** Whether native calls flush denormal inputs and results to zero (the default: on). */
bool flushingDenormals();

/**
 * Turns flushing on or off for the native calls to come, and on libtorch's intra-op threads (which run only
 * native work); nothing changes where the cpu has no such mode.
 */
void setFlushingDenormals(bool flush);

/** Sets this thread's float mode to flushingDenormals() for good: for a thread that runs only native work (kernel_thread.h). */
void followDenormalMode();

/** While one lives, this thread flushes denormals if flushingDenormals(); restores its float mode after. */
class DenormalsFlushed {
 public:
  DenormalsFlushed();
  ~DenormalsFlushed();
  DenormalsFlushed(const DenormalsFlushed&) = delete;
  DenormalsFlushed& operator=(const DenormalsFlushed&) = delete;

 private:
  unsigned long saved_ = 0;
  bool changed_ = false;
};

}  // namespace mimo
