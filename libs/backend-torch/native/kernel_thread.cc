#include "kernel_thread.h"

#include <ATen/EmptyTensor.h>
#include <ATen/TensorIterator.h>
#include <ATen/ops/zeros.h>
#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#endif

#include "flush_denormals.h"
#include "thread_handoff.h"

namespace mimo::kernel_thread {

namespace {

using Clock = std::chrono::steady_clock;

// How long either thread spins before it sleeps: a training step's calls come microseconds apart (more while V8 has
// yet to optimise the step's JavaScript, or collects garbage), and waking a sleeping thread costs tens of
// microseconds on a virtual machine. The kernel thread does not spin while the JavaScript thread runs native work
// itself on libtorch's threads: two threads busy on one core run many times slower (a replayed step ran at half its
// speed beside a spinning kernel thread).
constexpr auto kSpin = std::chrono::milliseconds(1);

// Calls that could be queued before the kernel thread wakes again after the JavaScript thread ran native work that
// libtorch may split among its OpenMP threads (`park`: a recurrent op, a replayed step, a convolution). Those
// threads spin for milliseconds afterwards on the kernel thread's core; where such work comes every few dozen calls
// (a user's LSTM loop ran 10–25% slower, the autonomous app 30%, with the kernel thread woken after each), the
// calls run at once.
constexpr int kCallsBeforeWaking = 64;

struct Queued {
  uint64_t seq;
  std::string name;
  Work work;
  std::vector<at::Tensor> outputs;
};

// Shared by the two threads: the queue under `mutex`; counters and flags atomic. Never destroyed, nor is the thread:
// a process that exits without its environment's cleanup (process.exit) must not wait for, or end, a thread
// still waiting on them.
struct Shared {
  std::mutex mutex;
  std::condition_variable wake;  // the kernel thread waits here when the queue stays empty
  std::condition_variable done;  // the JavaScript thread waits here when a call takes long
  std::deque<Queued> queue;
  std::atomic<uint64_t> queued{0};     // seq of the last call queued
  std::atomic<uint64_t> completed{0};  // seq of the last call run (in queue order)
  std::atomic<bool> stopping{false};
  std::atomic<bool> parked{false};  // the JavaScript thread runs native work itself: no spinning beside it
  std::atomic<bool> awake{false};   // the kernel thread runs or spins: a call queued now starts at once
  bool woken = false;               // under `mutex`: wake up for calls to come
  std::atomic<bool> failed{false};
  std::string failure;  // written by the kernel thread before `failed`
};
Shared& shared = *new Shared;
std::mutex& mutex = shared.mutex;
std::condition_variable& wake = shared.wake;
std::condition_variable& done = shared.done;
std::deque<Queued>& queue = shared.queue;
std::atomic<uint64_t>& queued = shared.queued;
std::atomic<uint64_t>& completed = shared.completed;
std::atomic<bool>& stopping = shared.stopping;
std::atomic<bool>& parked = shared.parked;
std::atomic<bool>& awake = shared.awake;
bool& woken = shared.woken;
std::atomic<bool>& failed = shared.failed;
std::string& failure = shared.failure;

// The JavaScript thread's own.
bool on = false;
int callsSinceDrain = 0;
std::thread* worker = nullptr;
// Placeholders and written inputs → the seq of their call. A freed tensor's entry stays until pruned: a later tensor
// at its address may then wait needlessly, never wrongly.
std::unordered_map<const c10::TensorImpl*, uint64_t> pending;

inline void pause() {
#if defined(__x86_64__) || defined(_M_X64)
  _mm_pause();
#else
  std::this_thread::yield();
#endif
}

void bind(const at::Tensor& placeholder, const at::Tensor& result) {
  if (placeholder.defined() != result.defined()) throw std::logic_error(result.defined() ? "gave a result where none was expected" : "gave no result where one was expected");
  if (placeholder.defined()) adopt(placeholder, result);
}

// After a failure, placeholders get zeros: later calls and reads then see values, not memory they do not own.
void bindZeros(const std::vector<at::Tensor>& outputs) {
  try {
    for (const at::Tensor& out : outputs) {
      if (out.defined()) bind(out, at::zeros(out.sizes(), out.options()));
    }
  } catch (const std::exception&) {
    // Out of memory, or libtorch going away: nothing better to give them.
  }
}

void run(Queued& call) {
  if (!failed.load(std::memory_order_acquire)) {
    try {
      followDenormalMode();
      std::vector<at::Tensor> results = call.work();
      if (results.size() != call.outputs.size()) throw std::logic_error("gave " + std::to_string(results.size()) + " results for " + std::to_string(call.outputs.size()));
      for (size_t i = 0; i < results.size(); ++i) bind(call.outputs[i], results[i]);
      return;
    } catch (const c10::Error& e) {
      failure = call.name + ": " + e.what_without_backtrace();
    } catch (const std::exception& e) {
      failure = call.name + ": " + e.what();
    }
    failed.store(true, std::memory_order_release);
  }
  bindZeros(call.outputs);
}

// The next queued call; false when stopping with nothing left. Spins a while, then sleeps until a call comes or the
// JavaScript thread wakes it for calls to come (`awakeForCalls`).
bool take(Queued& call) {
  for (;;) {
    const Clock::time_point spinUntil = Clock::now() + kSpin;
    const uint64_t taken = completed.load(std::memory_order_relaxed);
    while (queued.load(std::memory_order_acquire) == taken && !stopping.load(std::memory_order_acquire) && !parked.load(std::memory_order_acquire) && Clock::now() < spinUntil) pause();
    std::unique_lock<std::mutex> lock(mutex);
    if (queue.empty() && !stopping.load()) {
      awake.store(false);
      wake.wait(lock, [] { return !queue.empty() || stopping.load() || woken; });
      woken = false;
      awake.store(true);
    }
    if (!queue.empty()) {
      call = std::move(queue.front());
      queue.pop_front();
      return true;
    }
    if (stopping.load()) return false;
  }
}

void workerLoop() {
  c10::InferenceMode inference;
  // One core runs JavaScript: this thread's kernels keep to the other.
  runParallelWorkAlone();
  Queued call;
  while (take(call)) {
    run(call);
    const uint64_t seq = call.seq;
    call = Queued{};  // the call's inputs go before it counts as done
    completed.store(seq, std::memory_order_release);
    { std::lock_guard<std::mutex> lock(mutex); }
    done.notify_all();
  }
}

void throwFailure() {
  if (!failed.load(std::memory_order_acquire)) return;
  // Reported once, at the first call after it; the calls queued after it were given zeros instead of running.
  std::string message = "torch backend: a kernel queued on the kernel thread failed (" + failure + ")";
  failure.clear();
  failed.store(false, std::memory_order_release);
  throw std::runtime_error(message);
}

void waitUntil(uint64_t seq) {
  if (completed.load(std::memory_order_acquire) >= seq) return;
  const Clock::time_point spinUntil = Clock::now() + kSpin;
  while (completed.load(std::memory_order_acquire) < seq) {
    if (Clock::now() >= spinUntil) {
      std::unique_lock<std::mutex> lock(mutex);
      done.wait(lock, [seq] { return completed.load() >= seq; });
      break;
    }
    pause();
  }
}

void prunePending() {
  const uint64_t ran = completed.load(std::memory_order_acquire);
  for (auto it = pending.begin(); it != pending.end();) it = it->second <= ran ? pending.erase(it) : std::next(it);
}

// Ends the kernel thread once it has run the calls left in the queue, or, `dropQueued`, the one it is running.
void stopWorker(bool dropQueued) {
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (dropQueued) queue.clear();
    stopping.store(true);
  }
  wake.notify_one();
  worker->join();
  delete worker;
  worker = nullptr;
}

// At exit without the environment's cleanup (process.exit): the calls still queued are dropped, the one running
// finishes, and the thread ends before libtorch's statics go (registered after them, this runs before they do).
void stopAtExit() {
  if (worker != nullptr) stopWorker(true);
}

}  // namespace

bool enabled() { return on; }

void adopt(const at::Tensor& target, const at::Tensor& source) {
  if (source.scalar_type() != target.scalar_type() || source.sizes() != target.sizes()) {
    throw std::logic_error("gave a result of another shape or dtype than predicted (predicted_shapes.h)");
  }
  // The JavaScript thread reads only the sizes and dtype of a tensor a queued call is yet to write: they stay.
  c10::TensorImpl* impl = target.unsafeGetTensorImpl();
  impl->set_storage_keep_dtype(source.storage());
  impl->set_storage_offset(source.storage_offset());
  for (int64_t d = 0; d < source.dim(); ++d) {
    if (impl->stride(d) != source.stride(d)) impl->set_stride(d, source.stride(d));
  }
}

void setEnabled(bool enable) {
  drain();
  if (!enable) shutdown();
  on = enable;
  parked.store(false, std::memory_order_release);  // the calls to come queue at once
}

at::Tensor placeholder(at::IntArrayRef sizes, at::ScalarType dtype) {
  at::Tensor t = at::detail::empty_cpu({0}, dtype, false, c10::nullopt);
  t.unsafeGetTensorImpl()->set_sizes_contiguous(sizes);
  return t;
}

void park() {
  parked.store(true, std::memory_order_release);
  callsSinceDrain = 0;
}

void parkFor(const std::vector<at::Tensor>& inputs) {
  if (std::any_of(inputs.begin(), inputs.end(), [](const at::Tensor& t) { return t.defined() && t.numel() >= at::internal::GRAIN_SIZE; })) park();
}

bool awakeForCalls() {
  if (worker == nullptr) {
    static const bool stopsAtExit = std::atexit(stopAtExit) == 0;
    if (!stopsAtExit) throw std::runtime_error("torch backend: the kernel thread could not register its stop at exit");
    stopping.store(false);
    awake.store(true);
    worker = new std::thread(workerLoop);
    return true;
  } else if (parked.load(std::memory_order_acquire) && ++callsSinceDrain < kCallsBeforeWaking) {
    return false;
  } else if (!awake.load(std::memory_order_acquire) || parked.load(std::memory_order_acquire)) {
    parked.store(false, std::memory_order_release);
    {
      std::lock_guard<std::mutex> lock(mutex);
      woken = true;
    }
    wake.notify_one();
  } else {
    return true;
  }
  return false;
}

void submit(std::string name, Work work, std::vector<at::Tensor> outputs, const std::vector<at::Tensor>& written) {
  throwFailure();
  if (worker == nullptr) awakeForCalls();
  const uint64_t seq = queued.load(std::memory_order_relaxed) + 1;
  for (const at::Tensor& t : outputs) {
    if (t.defined()) pending[t.unsafeGetTensorImpl()] = seq;
  }
  for (const at::Tensor& t : written) pending[t.unsafeGetTensorImpl()] = seq;
  if (pending.size() > 4096) prunePending();
  {
    std::lock_guard<std::mutex> lock(mutex);
    queue.push_back(Queued{seq, std::move(name), std::move(work), std::move(outputs)});
    queued.store(seq, std::memory_order_release);
  }
  wake.notify_one();
}

void waitFor(const std::vector<at::Tensor>& tensors) {
  if (queued.load(std::memory_order_relaxed) != completed.load(std::memory_order_acquire)) {
    uint64_t last = 0;
    for (const at::Tensor& t : tensors) {
      auto it = t.defined() ? pending.find(t.unsafeGetTensorImpl()) : pending.end();
      if (it != pending.end() && it->second > last) last = it->second;
    }
    waitUntil(last);
  }
  throwFailure();
}

uint64_t callsQueued() { return queued.load(std::memory_order_relaxed); }

void drain() {
  waitUntil(queued.load(std::memory_order_relaxed));
  pending.clear();
  park();
  throwFailure();
}

void shutdown() {
  if (worker == nullptr) return;
  waitUntil(queued.load(std::memory_order_relaxed));
  pending.clear();
  stopWorker(false);
  failed.store(false);
  failure.clear();
}

}  // namespace mimo::kernel_thread
