#include "distributed.h"

#include <ATen/ops/cat.h>

#include <stdexcept>

#ifdef MIMO_C10D
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif

namespace mimo::distributed {

#ifdef MIMO_C10D

class Group {
 public:
  Group(c10::intrusive_ptr<c10d::ProcessGroupGloo> processGroup, std::chrono::milliseconds timeout)
      : processGroup_(std::move(processGroup)), timeout_(timeout) {}

  // Runs one collective on a cpu tensor in place; a peer that left or a timeout throws with c10d's reason.
  template <typename Collective>
  void run(at::Tensor& cpuTensor, Collective collective) {
    std::vector<at::Tensor> io{cpuTensor};
    c10::intrusive_ptr<c10d::Work> work = collective(*processGroup_, io);
    work->wait(timeout_);
    cpuTensor = io[0];
  }

 private:
  c10::intrusive_ptr<c10d::ProcessGroupGloo> processGroup_;
  std::chrono::milliseconds timeout_;
};

std::string unavailableReason() {
  return "";
}

namespace {

c10::intrusive_ptr<c10d::Store> openStore(const Rendezvous& r) {
  c10::intrusive_ptr<c10d::Store> store;
  if (r.store == "file") {
    store = c10::make_intrusive<c10d::FileStore>(r.path, r.worldSize);
  } else if (r.store == "tcp") {
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(r.port);
    options.isServer = r.hostsStore;
    if (r.hostsStore) options.numWorkers = r.worldSize;
    options.waitWorkers = false;  // Gloo's own rendezvous below waits for every rank
    options.timeout = r.timeout;
    store = c10::make_intrusive<c10d::TCPStore>(r.host, options);
  } else {
    throw std::invalid_argument("distributed: unknown store '" + r.store + "' (tcp or file)");
  }
  store->setTimeout(r.timeout);
  if (r.prefix.empty()) return store;
  return c10::make_intrusive<c10d::PrefixStore>(r.prefix, store);
}

bool isLoopback(const std::string& host) {
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

}  // namespace

std::shared_ptr<Group> join(const Rendezvous& r) {
  if (r.worldSize < 1 || r.rank < 0 || r.rank >= r.worldSize) {
    throw std::invalid_argument("distributed: rank " + std::to_string(r.rank) + " is outside a world of " + std::to_string(r.worldSize));
  }
  auto options = c10d::ProcessGroupGloo::Options::create(r.timeout);
  // The transport binds where peers can reach it: a named interface, loopback for a one-machine group, else the
  // address this host's name resolves to (what torch.distributed does).
  if (!r.interface.empty()) {
    options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(r.interface));
  } else if (r.store == "file" || isLoopback(r.host)) {
    options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
  } else {
    options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
  }
  auto processGroup = c10::make_intrusive<c10d::ProcessGroupGloo>(openStore(r), r.rank, r.worldSize, options);
  return std::make_shared<Group>(processGroup, r.timeout);
}

namespace {

// Tensors → flat float32 cpu buckets of at most `bucketBytes` (a larger tensor gets a bucket of its own); each
// bucket runs `collective` in place and is split back into tensors of the original shapes and device.
template <typename Collective>
std::vector<at::Tensor> throughBuckets(const std::vector<at::Tensor>& tensors, size_t bucketBytes, Collective collective) {
  std::vector<at::Tensor> results(tensors.size());
  size_t first = 0;
  while (first < tensors.size()) {
    size_t end = first, bytes = 0;
    while (end < tensors.size() && (end == first || bytes + tensors[end].numel() * sizeof(float) <= bucketBytes)) {
      if (tensors[end].scalar_type() != at::kFloat) throw std::invalid_argument("distributed: collectives take float32 tensors");
      bytes += tensors[end].numel() * sizeof(float);
      ++end;
    }
    std::vector<at::Tensor> flat;
    for (size_t i = first; i < end; ++i) flat.push_back(tensors[i].reshape({-1}).to(at::kCPU));
    at::Tensor bucket = at::cat(flat);
    collective(bucket);
    int64_t offset = 0;
    for (size_t i = first; i < end; ++i) {
      const at::Tensor& t = tensors[i];
      results[i] = bucket.narrow(0, offset, t.numel()).view(t.sizes()).to(t.device());
      offset += t.numel();
    }
    first = end;
  }
  return results;
}

}  // namespace

std::vector<at::Tensor> allreduce(Group& group, const std::vector<at::Tensor>& tensors, double scale, size_t bucketBytes) {
  return throughBuckets(tensors, bucketBytes, [&](at::Tensor& bucket) {
    group.run(bucket, [](c10d::ProcessGroupGloo& pg, std::vector<at::Tensor>& io) { return pg.allreduce(io); });
    if (scale != 1.0) bucket.mul_(scale);
  });
}

std::vector<at::Tensor> broadcast(Group& group, const std::vector<at::Tensor>& tensors, int root) {
  c10d::BroadcastOptions options;
  options.rootRank = root;
  return throughBuckets(tensors, SIZE_MAX, [&](at::Tensor& bucket) {
    group.run(bucket, [&](c10d::ProcessGroupGloo& pg, std::vector<at::Tensor>& io) { return pg.broadcast(io, options); });
  });
}

#else

class Group {};

std::string unavailableReason() {
  return "the addon was built without c10d's Gloo headers (<gloo/...>, Debian's libgloo-dev); rebuild with them";
}

std::shared_ptr<Group> join(const Rendezvous&) {
  throw std::runtime_error("distributed training is not available: " + unavailableReason());
}

std::vector<at::Tensor> allreduce(Group&, const std::vector<at::Tensor>&, double, size_t) {
  throw std::runtime_error("distributed training is not available: " + unavailableReason());
}

std::vector<at::Tensor> broadcast(Group&, const std::vector<at::Tensor>&, int) {
  throw std::runtime_error("distributed training is not available: " + unavailableReason());
}

#endif

}  // namespace mimo::distributed
