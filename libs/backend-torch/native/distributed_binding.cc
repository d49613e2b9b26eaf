#include "distributed_binding.h"

#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>

#include <functional>
#include <memory>
#include <unordered_map>

#include "distributed.h"
#include "napi_guard.h"
#include "tensor_store.h"

namespace mimo {
namespace {

namespace dist = mimo::distributed;

std::unordered_map<uint32_t, std::shared_ptr<dist::Group>> groups;
uint32_t nextGroup = 1;

// Runs `job` on libuv's thread pool and settles a Promise on the JavaScript thread with `settle(result)`, or
// rejects it with the job's error (c10d's message without its C++ backtrace).
template <typename Result>
class Task : public Napi::AsyncWorker {
 public:
  Task(Napi::Env env, std::function<Result()> job, std::function<Napi::Value(Napi::Env, Result&)> settle)
      : Napi::AsyncWorker(env, "mimo:distributed"), deferred_(Napi::Promise::Deferred::New(env)), job_(std::move(job)), settle_(std::move(settle)) {}

  Napi::Promise promise() const { return deferred_.Promise(); }

 protected:
  void Execute() override {
    try {
      c10::InferenceMode inference;
      result_ = job_();
    } catch (const c10::Error& e) {
      SetError(e.what_without_backtrace());
    } catch (const std::exception& e) {
      SetError(e.what());
    }
  }

  void OnOK() override {
    Napi::HandleScope scope(Env());
    deferred_.Resolve(settle_(Env(), result_));
  }

  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::function<Result()> job_;
  std::function<Napi::Value(Napi::Env, Result&)> settle_;
  Result result_;
};

template <typename Result>
Napi::Value start(Napi::Env env, std::function<Result()> job, std::function<Napi::Value(Napi::Env, Result&)> settle) {
  auto* task = new Task<Result>(env, std::move(job), std::move(settle));  // deletes itself once settled
  Napi::Promise promise = task->promise();
  task->Queue();
  return promise;
}

std::shared_ptr<dist::Group> groupAt(const Napi::Value& id) {
  auto it = groups.find(id.As<Napi::Number>().Uint32Value());
  if (it == groups.end()) throw std::invalid_argument("distributed: unknown or closed process group");
  return it->second;
}

std::vector<at::Tensor> tensorsAt(const Napi::Value& handles) {
  Napi::Array array = handles.As<Napi::Array>();
  std::vector<at::Tensor> out;
  for (uint32_t i = 0; i < array.Length(); ++i) out.push_back(lookup(array.Get(i)));
  return out;
}

Napi::Value describeAll(Napi::Env env, std::vector<at::Tensor>& tensors) {
  Napi::Array out = Napi::Array::New(env, tensors.size());
  for (size_t i = 0; i < tensors.size(); ++i) out.Set(static_cast<uint32_t>(i), describeObject(env, tensors[i]));
  return out;
}

std::string stringField(const Napi::Object& o, const char* key) {
  return o.Has(key) && o.Get(key).IsString() ? o.Get(key).As<Napi::String>().Utf8Value() : "";
}

double numberField(const Napi::Object& o, const char* key, double fallback) {
  return o.Has(key) && o.Get(key).IsNumber() ? o.Get(key).As<Napi::Number>().DoubleValue() : fallback;
}

// distributedStatus() → { available, reason? }
Napi::Value Status(const Napi::CallbackInfo& info) {
  Napi::Object out = Napi::Object::New(info.Env());
  std::string reason = dist::unavailableReason();
  out.Set("available", Napi::Boolean::New(info.Env(), reason.empty()));
  if (!reason.empty()) out.Set("reason", Napi::String::New(info.Env(), reason));
  return out;
}

// joinGroup({ store, path, host, port, hostsStore, prefix, interface, rank, worldSize, timeoutMs }) → Promise<id>
Napi::Value JoinGroup(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    Napi::Object o = info[0].As<Napi::Object>();
    dist::Rendezvous r;
    r.store = stringField(o, "store");
    r.path = stringField(o, "path");
    r.host = stringField(o, "host");
    r.port = static_cast<int>(numberField(o, "port", 0));
    r.hostsStore = o.Has("hostsStore") && o.Get("hostsStore").ToBoolean().Value();
    r.prefix = stringField(o, "prefix");
    r.interface = stringField(o, "interface");
    r.rank = static_cast<int>(numberField(o, "rank", -1));
    r.worldSize = static_cast<int>(numberField(o, "worldSize", 0));
    r.timeout = std::chrono::milliseconds(static_cast<int64_t>(numberField(o, "timeoutMs", 60000)));
    return start<std::shared_ptr<dist::Group>>(
        info.Env(), [r]() { return dist::join(r); },
        [](Napi::Env env, std::shared_ptr<dist::Group>& group) -> Napi::Value {
          uint32_t id = nextGroup++;
          groups.emplace(id, group);
          return Napi::Number::New(env, id);
        });
  });
}

// allreduce(group, handles, scale, bucketBytes) → Promise<tensors>: Σ over ranks × scale, in new tensors.
Napi::Value Allreduce(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    auto group = groupAt(info[0]);
    auto tensors = tensorsAt(info[1]);
    double scale = info[2].As<Napi::Number>().DoubleValue();
    auto bucketBytes = static_cast<size_t>(info[3].As<Napi::Number>().DoubleValue());
    return start<std::vector<at::Tensor>>(info.Env(), [=]() { return dist::allreduce(*group, tensors, scale, bucketBytes); }, describeAll);
  });
}

// broadcast(group, handles, root) → Promise<tensors>: rank root's values, in new tensors.
Napi::Value Broadcast(const Napi::CallbackInfo& info) {
  return guarded(info, [&]() -> Napi::Value {
    auto group = groupAt(info[0]);
    auto tensors = tensorsAt(info[1]);
    int root = info[2].As<Napi::Number>().Int32Value();
    return start<std::vector<at::Tensor>>(info.Env(), [=]() { return dist::broadcast(*group, tensors, root); }, describeAll);
  });
}

// leaveGroup(group) → true when it was open. c10d closes it once its last collective has finished.
Napi::Value LeaveGroup(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), groups.erase(info[0].As<Napi::Number>().Uint32Value()) == 1);
}

}  // namespace

void registerDistributed(Napi::Env env, Napi::Object exports) {
  exports.Set("distributedStatus", Napi::Function::New(env, Status, "distributedStatus"));
  exports.Set("joinGroup", Napi::Function::New(env, JoinGroup, "joinGroup"));
  exports.Set("allreduce", Napi::Function::New(env, Allreduce, "allreduce"));
  exports.Set("broadcast", Napi::Function::New(env, Broadcast, "broadcast"));
  exports.Set("leaveGroup", Napi::Function::New(env, LeaveGroup, "leaveGroup"));
}

}  // namespace mimo
