#include "thread_handoff.h"

namespace mimo {

namespace {
thread_local bool backToBack = false;
}  // namespace

BackToBackCalls::BackToBackCalls() : outer_(!backToBack) { backToBack = true; }

BackToBackCalls::~BackToBackCalls() {
  if (outer_) backToBack = false;
}

int64_t handoffGrain(int64_t backToBackGrain) { return backToBack ? backToBackGrain : 8 * backToBackGrain; }

}  // namespace mimo
