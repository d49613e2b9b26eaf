// How every N-API entry point of the addon runs its body: in inference mode (nothing records autograd history,
// and the dispatcher skips the autograd and view-tracking layers), with denormal floats flushed to zero unless
// configured otherwise (flush_denormals.h), and with C++ exceptions turned into JavaScript errors (c10's without
// their C++ backtrace). `guarded` first waits for the calls queued on the kernel thread (kernel_thread.h);
// `guardedQueueing`, for the entry points that may queue, leaves that to its body.
#pragma once

#include <napi.h>

#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>

#include <exception>

#include "flush_denormals.h"
#include "kernel_thread.h"

namespace mimo {

template <typename F>
Napi::Value guardedQueueing(const Napi::CallbackInfo& info, F body) {
  try {
    c10::InferenceMode inference;
    DenormalsFlushed flushed;
    return body();
  } catch (const c10::Error& e) {
    throw Napi::Error::New(info.Env(), e.what_without_backtrace());
  } catch (const std::exception& e) {
    throw Napi::Error::New(info.Env(), e.what());
  }
}

template <typename F>
Napi::Value guarded(const Napi::CallbackInfo& info, F body) {
  return guardedQueueing(info, [&]() -> Napi::Value {
    kernel_thread::drain();
    return body();
  });
}

}  // namespace mimo
