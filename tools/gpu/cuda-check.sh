#!/usr/bin/env bash
# The CUDA checks and the CUDA benchmark on a lent GPU machine without node, npm or node_modules: builds the torch
# addon without node-gyp against python3's libtorch, then runs verify:torch, each tools/gpu/src check, the
# throughput bench on MIMO_DEVICE (default cuda), and nlp and finance again with sigmoid gates (their LSTMs on
# cuDNN, nlp's packed by length, against a twin that packs alike). Needs tools/gpu/kit from tools/gpu/pack.sh. From the repository root:
#   bash tools/gpu/cuda-check.sh [bench args]      (they replace the default ones below; the sigmoid run is skipped)
#   MIMO_DEVICE=cpu bash tools/gpu/cuda-check.sh   (a trial on a machine without a GPU)
# Each step's output is tee'd into $OUT/<step>.log ($OUT: a temporary folder when unset); a failed build stops the
# run, any other failed step does not stop the later ones, and the script exits non-zero if any failed. libs/backend-torch/build is made afresh.
set -euo pipefail

kit=tools/gpu/kit
build=libs/backend-torch/build
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
export MIMO_DEVICE=${MIMO_DEVICE:-cuda}
bench_args=(--backends torch --apps healthcare,nlp,finance,autonomous --loops mlp,mlp-replayed,lstm,lstm-replayed --reps 3)
(($# == 0)) || bench_args=("$@")

if [[ ! -f $kit/node.xz || ! -f $kit/runtime.tar.xz ]]; then
  echo "no kit in $kit: run \`bash tools/gpu/pack.sh\` on a machine with node and npm ci, and bring $kit along" >&2
  exit 2
fi

# The kit's node first on PATH, and its bundles with what they load where their __dirname finds the addon (see
# pack.sh); unpacked by python3's lzma and tarfile, since such a machine may lack xz.
mkdir -p /tmp/mimo-node
python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$kit/node.xz" /tmp/mimo-node/node
chmod +x /tmp/mimo-node/node
export PATH=/tmp/mimo-node:$PATH
rm -rf "$build"
python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2], filter="data")' "$kit/runtime.tar.xz" "$build"

# What `node-gyp rebuild --release` does with binding.gyp (keep the flags in step with it and with the Release
# flags node-gyp adds, in its build/mimo_torch.target.mk): compile binding.gyp's sources in parallel, link them.
build_addon() {
  local include=$PWD/$kit/include obj=build/Release/obj
  cd libs/backend-torch
  # find-libtorch's six answers at once: each has python3 import torch, seconds apiece.
  mkdir -p "$obj/native" build/flags
  printf '%s\n' includes libraries abi openmp c10d cuda | xargs -P 6 -I{} sh -c 'node scripts/find-libtorch.js {} >build/flags/{}'
  # Space-separated lists, split as gyp's <!@(…) splits them.
  local includes libraries c10d cuda
  read -r -a includes <<<"$(<build/flags/includes)"
  read -r -a libraries <<<"$(<build/flags/libraries)"
  read -r -a c10d <<<"$(<build/flags/c10d)"
  read -r -a cuda <<<"$(<build/flags/cuda)"
  local flags=(-DNODE_GYP_MODULE_NAME=mimo_torch -DUSING_UV_SHARED=1 -DUSING_V8_SHARED=1 -DV8_DEPRECATION_WARNINGS=1
    -D_GLIBCXX_USE_CXX11_ABI="$(<build/flags/abi)" -D_FILE_OFFSET_BITS=64 -D_LARGEFILE_SOURCE -D__STDC_FORMAT_MACROS
    -DOPENSSL_NO_PINSHARED -DOPENSSL_THREADS -DNAPI_CPP_EXCEPTIONS -DNAPI_VERSION=8 -DBUILDING_NODE_EXTENSION
    -I"$include" "${includes[@]/#/-I}"
    -fPIC -pthread -Wall -Wextra -Wno-unused-parameter -m64 -fno-omit-frame-pointer
    -std=c++17 -O2 -fexceptions -frtti -Wno-deprecated-declarations "$(<build/flags/openmp)" -fno-trapping-math
    -fno-math-errno -ffp-contract=off "${c10d[@]}" "${cuda[@]}")
  python3 -c 'import ast; print(*ast.literal_eval(open("binding.gyp").read())["targets"][0]["sources"], sep="\n")' |
    xargs -P "$(nproc)" -I{} g++ "${flags[@]}" -c {} -o "$obj/{}.o"
  g++ -shared -pthread -rdynamic -m64 -Wl,-soname=mimo_torch.node -o build/Release/mimo_torch.node \
    -Wl,--start-group "$obj"/native/*.o -Wl,--end-group "${libraries[@]}" -ldl -Wl,-z,now
  # As scripts/build.js writes it: the backend's probe reports where libtorch came from.
  local graphs=false
  ((${#cuda[@]} == 0)) || graphs=true
  printf '{ "built": true, "libtorch": %s, "cudaGraphs": { "built": %s }, "builtAt": "%s" }\n' "$(node scripts/find-libtorch.js)" "$graphs" "$(date -u +%FT%TZ)" >build/status.json
}

failed=()
# step NAME COMMAND…: runs COMMAND under `set -e` in a subshell, tee'd into $OUT/NAME.log, and says how it went.
step() {
  local name=$1 start=$SECONDS rc verdict
  shift
  echo "== $name"
  set +e
  (
    set -e
    "$@"
  ) 2>&1 | tee "$OUT/$name.log"
  rc=$?
  set -e
  if ((rc == 0)); then verdict=ok; else verdict="FAILED (exit $rc)"; failed+=("$name"); fi
  echo "== $name: $verdict in $((SECONDS - start)) s"
}

step build build_addon
# Without an addon every later step would only say so (and the bench would time PyTorch alone): stop here.
if ((${#failed[@]})); then
  echo "failed: build (see $OUT/build.log)" >&2
  exit 1
fi
if command -v nvidia-smi >/dev/null; then step nvidia-smi nvidia-smi -L; fi
step verify-torch node "$build/js/verify-torch.js"
for check in tools/gpu/src/*.ts; do
  [[ -e $check ]] || continue
  name=$(basename "$check" .ts)
  step "$name" node "$build/js/$name.js"
done
step bench node "$build/js/bench.js" "${bench_args[@]}"
(($# > 0)) || step bench-sigmoid-gates node "$build/js/bench.js" --backends torch --models none --loops none --apps nlp,finance --gates sigmoid --reps 3

echo "MIMO_DEVICE=$MIMO_DEVICE; logs in $OUT"
if ((${#failed[@]})); then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
