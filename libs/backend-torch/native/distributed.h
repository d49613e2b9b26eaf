// Data-parallel collectives over torch.distributed's engine, c10d, inside libtorch: a Gloo process group joined
// through a TCPStore or FileStore rendezvous. Nothing here is home-made: stores, transport and ring algorithms are
// c10d's and Gloo's. Compiled with MIMO_C10D where the Gloo headers were found (scripts/find-libtorch.js gloo);
// without it every entry throws, and unavailableReason() says why.
//
// Every call blocks until the collective completes, fails or times out; the binding runs them off the JavaScript
// thread. Tensors on a device other than the cpu travel through host memory, as c10d's Gloo does for CUDA.
#pragma once

#include <ATen/core/Tensor.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace mimo::distributed {

struct Rendezvous {
  std::string store;             // "tcp" or "file"
  std::string path;              // file store: the shared file
  std::string host;              // tcp store: the host serving it
  int port = 0;                  // tcp store: its port
  bool hostsStore = false;       // tcp store: this process serves it (rank 0, unless torchrun's agent does)
  std::string prefix;            // keys live under this prefix (torchrun's "/worker/attempt_N"); empty for none
  std::string interface;         // network interface for Gloo's transport (GLOO_SOCKET_IFNAME); empty: by host
  int rank = 0;
  int worldSize = 1;
  std::chrono::milliseconds timeout{60000};
};

/** Empty when this build has c10d's Gloo process group; else why not. */
std::string unavailableReason();

class Group;

/** Joins the group: waits (up to the timeout) until every rank has reached the store and connected. */
std::shared_ptr<Group> join(const Rendezvous& rendezvous);

/**
 * Σ over ranks of each tensor (float32, same shapes on every rank), times `scale`, into new tensors. The tensors
 * travel in flat buckets of at most `bucketBytes` each, one allreduce per bucket, as DistributedDataParallel does.
 */
std::vector<at::Tensor> allreduce(Group& group, const std::vector<at::Tensor>& tensors, double scale, size_t bucketBytes);

/** Rank `root`'s values of each tensor on every rank, into new tensors. */
std::vector<at::Tensor> broadcast(Group& group, const std::vector<at::Tensor>& tensors, int root);

}  // namespace mimo::distributed
