// Native calls on a thread of their own, so that tfjs's JavaScript for the next kernels runs while this one
// computes. A user's plain training loop over a small MLP spent about 400 µs a step in JavaScript and 520 µs in
// native calls, one after the other, on one core of two; queued, the two overlap. A queued call hands JavaScript a
// placeholder at once, its shape and dtype known in advance (predicted_shapes.h); the kernel thread binds the
// placeholder to the call's result when it runs. Calls run in the order they were queued; a call that reads a
// placeholder's values on the JavaScript thread first waits for the call that makes it.
#pragma once

#include <ATen/core/Tensor.h>

#include <functional>
#include <string>
#include <vector>

namespace mimo::kernel_thread {

/** Whether calls may be queued (configure's `kernelThread`; off until turned on). */
bool enabled();

/** Turns queueing on or off; waits for the queued calls first, and stops the thread when off. */
void setEnabled(bool on);

/**
 * Whether the kernel thread is awake to start a call queued now. If it is not, wakes it for the calls to come: the
 * call at hand runs at once instead, as waking a thread takes longer than a small call.
 */
bool awakeForCalls();

/** A tensor of `sizes` and `dtype` without values yet: a queued call's result, bound when the call runs. */
at::Tensor placeholder(at::IntArrayRef sizes, at::ScalarType dtype);

/** A queued call: its results, which must have the sizes and dtypes of the placeholders it was given. */
using Work = std::function<std::vector<at::Tensor>()>;

/**
 * Queues `work` after every call queued before it (the kernel thread started if need be). Its results bind to `outputs` (undefined where a result is
 * absent); `written` are inputs it writes in place. `name` names it in an error. Throws, instead of queueing, an
 * earlier queued call's failure.
 */
void submit(std::string name, Work work, std::vector<at::Tensor> outputs, const std::vector<at::Tensor>& written = {});

/**
 * Makes `target` hold `source`'s values as a view of its storage (same sizes and dtype, else throws): how a queued
 * call's placeholder gets its result. On the kernel thread, for a tensor no JavaScript-thread call reads until the
 * call that adopts has run.
 */
void adopt(const at::Tensor& target, const at::Tensor& source);

/** Waits for the queued calls that make or write any of `tensors`; throws the first failure of a queued call. */
void waitFor(const std::vector<at::Tensor>& tensors);

/** How many calls have been queued since the process started. */
uint64_t callsQueued();

/**
 * The JavaScript thread is about to run native work on libtorch's threads: the kernel thread stops spinning beside
 * them, and calls run at once until a few dozen have come without such work.
 */
void park();

/** Parks the kernel thread before a call it cannot take runs at once, where an input has as many elements as libtorch splits among its threads. */
void parkFor(const std::vector<at::Tensor>& inputs);

/** Waits for every queued call, and parks the kernel thread; throws the first failure of a queued call. */
void drain();

/** Waits for every queued call and stops the thread, failures dropped (the addon's environment is going away). */
void shutdown();

}  // namespace mimo::kernel_thread
