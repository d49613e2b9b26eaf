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

/** The least work per thread worth a split: `backToBack` inside BackToBackCalls, 8× as much outside. */
int64_t handoffGrain(int64_t backToBack);

}  // namespace mimo
