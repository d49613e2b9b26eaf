// When work is worth handing to libtorch's OpenMP threads. Native calls back to back (a replayed step) find the
// threads still spinning from the last parallel region; a call between JavaScript work finds them asleep and
// must wake them. A user's plain MLP loop ran 30% slower on 2 threads than on 1 while its products and Adam
// updates split at the back-to-back marks.
#pragma once

#include <cstdint>

namespace mimo {

/** While one lives on this thread, native calls run back to back (recording::replay holds one). */
class BackToBackCalls {
 public:
  BackToBackCalls();
  ~BackToBackCalls();
  BackToBackCalls(const BackToBackCalls&) = delete;
  BackToBackCalls& operator=(const BackToBackCalls&) = delete;

 private:
  bool outer_;
};

/** From now on this thread runs its own parallel regions and BLAS calls alone (the kernel thread: kernel_thread.h). */
void runParallelWorkAlone();

/** The least work per thread worth a split: `backToBack` inside BackToBackCalls, 8× as much outside. */
int64_t handoffGrain(int64_t backToBack);

/**
 * While one lives, this thread runs libtorch's parallel regions and the BLAS (MKL, OpenBLAS) on itself alone when
 * `work` per thread would be under `handoffGrain(backToBack)`. The BLAS splits small products itself: on an
 * AVX2-only machine (no small_gemm.h) a user's plain MLP loop on 2 threads kept MKL's second thread spinning
 * and ran 0.68–0.82 of PyTorch's speed, 0.76–0.88 with this (alternating runs). Restores the counts it changed.
 */
class OneThreadForSmallWork {
 public:
  OneThreadForSmallWork(int64_t work, int64_t backToBack);
  ~OneThreadForSmallWork();
  OneThreadForSmallWork(const OneThreadForSmallWork&) = delete;
  OneThreadForSmallWork& operator=(const OneThreadForSmallWork&) = delete;

 private:
  int savedThreads_ = 0;  // 0: nothing changed
  int savedMkl_ = 0;
};

}  // namespace mimo
