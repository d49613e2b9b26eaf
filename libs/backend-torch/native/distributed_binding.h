// The N-API face of distributed.h: joinGroup, allreduce, broadcast and leaveGroup, each collective a Promise
// settled when c10d completes it on a worker thread, and distributedStatus().
#pragma once

#include <napi.h>

namespace mimo {

void registerDistributed(Napi::Env env, Napi::Object exports);

}  // namespace mimo
