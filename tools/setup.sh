#!/usr/bin/env bash
# Sets up a fresh clone: libtorch + OpenBLAS from apt where we may install (root or sudo), the npm packages,
# and the native torch addon (built by npm ci). Without apt or libtorch every step still succeeds and runs fall back to wasm.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
  if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
    # OpenBLAS: Debian's libtorch otherwise links the reference BLAS, ~20x slower at matrix products. Its OpenMP
    # build shares libtorch's OpenMP threads; the pthread build's own pool fights them for the cores (docs/benchmarks.md).
    $SUDO apt-get update
    # libgloo-dev: the headers of the Gloo inside libtorch, which the addon's distributed training compiles against.
    # chromium: the web app's browser tests drive Debian's Chromium (playwright's own download cannot work offline).
    $SUDO apt-get install -y --no-install-recommends libtorch-dev libopenblas0-openmp libgloo-dev chromium
    multiarch="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch 2>/dev/null || true)"
    multiarch="${multiarch:-x86_64-linux-gnu}"
    for lib in libopenblas.so.0 libblas.so.3 liblapack.so.3; do
      $SUDO update-alternatives --set "$lib-$multiarch" "/usr/lib/$multiarch/openblas-openmp/$lib" || true
    done
  else
    echo "setup: not root and no sudo: skipping libtorch (runs will use the wasm backend)"
  fi
fi

# npm ci also builds the native torch addon: it is @mimo/backend-torch's install script.
bash tools/npm-ci.sh
# The libraries, apps and CLI as JavaScript (dist/): bin/mimo.js runs the compiled CLI, which serves the web app.
NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build -p cli web --output-style=static
