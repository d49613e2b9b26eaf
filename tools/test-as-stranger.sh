#!/usr/bin/env bash
# Runs the README's test command as a stranger would: in a fresh clone of this repository's HEAD in a temporary
# folder, with no data sets beside it (their tests report as skipped, saying why), and the native addon built
# against the newest libtorch on the machine: a PyTorch 2.x wheel's (MKL) where one is found, else whatever
# `npm run build:torch` finds. CI runs it after the suite on Debian's libtorch.
#   bash tools/test-as-stranger.sh [WHEEL]   WHEEL: a torch-2*.whl (default: the newest within 3 levels of /)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export NX_DAEMON=false NX_NO_CLOUD=true
unset MIMO_DATASETS

wheel="${1:-$(find / -maxdepth 3 -name 'torch-2*.whl' 2>/dev/null | sort -V | tail -n 1)}"
if [ -n "$wheel" ]; then
  if [ ! -f "$wheel" ]; then
    echo "test-as-stranger: expected a torch-2*.whl file, received '$wheel' (no such file)" >&2
    exit 2
  fi
  echo "test-as-stranger: libtorch from $wheel"
  python3 -m zipfile -e "$wheel" "$work/python"
  # build:torch prefers LIBTORCH to a Python torch: leave it the wheel's.
  unset LIBTORCH
  export PYTHONPATH="$work/python${PYTHONPATH:+:$PYTHONPATH}"
else
  echo "test-as-stranger: no torch-2*.whl on this machine: the addon builds against what build:torch finds"
fi

git clone --quiet "$repo" "$work/mimo"
cd "$work/mimo"
bash tools/npm-ci.sh
npm run build:torch
if [ -n "$wheel" ] && ! grep -q '"source": "python torch' libs/backend-torch/build/status.json; then
  echo "test-as-stranger: the addon was not built against $wheel:" >&2
  cat libs/backend-torch/build/status.json >&2
  exit 1
fi
npm test
