#include "flush_denormals.h"

#include <ATen/Parallel.h>

#include <thread>

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#endif

namespace mimo {

namespace {

bool flushing = true;

#if defined(__SSE__) || defined(__x86_64__)
constexpr bool kSupported = true;
// MXCSR's flush-to-zero (results) and denormals-are-zero (inputs) bits.
constexpr unsigned long kFlushBits = 0x8040;
unsigned long floatMode() { return _mm_getcsr(); }
void setFloatMode(unsigned long mode) { _mm_setcsr(static_cast<unsigned int>(mode)); }
#elif defined(__aarch64__)
constexpr bool kSupported = true;
// FPCR.FZ: inputs and results both.
constexpr unsigned long kFlushBits = 1ul << 24;
// Inline assembly: GCC and clang name the register's builtins differently.
unsigned long floatMode() {
  unsigned long mode;
  asm volatile("mrs %0, fpcr" : "=r"(mode));
  return mode;
}
void setFloatMode(unsigned long mode) { asm volatile("msr fpcr, %0" : : "r"(mode)); }
#else
constexpr bool kSupported = false;
constexpr unsigned long kFlushBits = 0;
unsigned long floatMode() { return 0; }
void setFloatMode(unsigned long) {}
#endif

}  // namespace

bool flushingDenormals() { return flushing && kSupported; }

void setFlushingDenormals(bool flush) {
  if (!kSupported) return;
  flushing = flush;
  // One chunk per intra-op thread; the calling thread (one of them) keeps its mode and flushes per call instead.
  const std::thread::id caller = std::this_thread::get_id();
  const int threads = at::get_num_threads();
  at::parallel_for(0, threads, 1, [&](int64_t, int64_t) {
    if (std::this_thread::get_id() != caller) followDenormalMode();
  });
}

void followDenormalMode() {
  const unsigned long mode = floatMode();
  const unsigned long wanted = flushingDenormals() ? mode | kFlushBits : mode & ~kFlushBits;
  if (wanted != mode) setFloatMode(wanted);
}

// Every native call passes here: the float mode is read only where it may change.
DenormalsFlushed::DenormalsFlushed() {
  if (!flushingDenormals()) return;
  saved_ = floatMode();
  if ((saved_ & kFlushBits) == kFlushBits) return;
  setFloatMode(saved_ | kFlushBits);
  changed_ = true;
}

DenormalsFlushed::~DenormalsFlushed() {
  if (changed_) setFloatMode(saved_);
}

}  // namespace mimo
