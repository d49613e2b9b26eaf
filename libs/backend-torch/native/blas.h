// The BLAS that libtorch's matrix products run on, and its threads. OpenBLAS's pthread build keeps its own
// worker pool beside libtorch's OpenMP threads; both busy-wait between calls, so on a few cores they take
// turns (training steps 1.5–4× slower on 2 cores, PyTorch's alike). Its OpenMP build shares libtorch's pool.
#pragma once

#include <string>

namespace mimo {

/**
 * Gives a pthread OpenBLAS one thread (libtorch's own pool parallelises around it) unless
 * OPENBLAS_NUM_THREADS says otherwise; → what the process runs, e.g. "OpenBLAS 0.3.21 (OpenMP)".
 */
std::string settleBlasThreads();

}  // namespace mimo
