#!/usr/bin/env node
// Builds the native addon (build/Release/mimo_torch.node) with node-gyp when libtorch is
// found; it is the package's `install` script, so `npm install @mimo/backend-torch` builds it
// too. Without libtorch it prints why, records the reason in build/status.json (the backend's
// probe reports it) and exits 0, so installs and CI without libtorch still pass. A failed
// compile fails `npm run build:torch` but not an install: the other backends still work.
'use strict';
const { spawnSync } = require('child_process');
const { existsSync, mkdirSync, writeFileSync } = require('fs');
const path = require('path');
const { findCudaHeaders, findGloo, findLibtorch, isCudaBuild } = require('./find-libtorch');

const projectDir = path.resolve(__dirname, '..');
const buildDir = path.join(projectDir, 'build');
const statusFile = path.join(buildDir, 'status.json');

function writeStatus(status) {
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(statusFile, `${JSON.stringify({ ...status, builtAt: new Date().toISOString() }, null, 2)}\n`);
}

const libtorch = findLibtorch();
if (!libtorch.found) {
  console.log(`@mimo/backend-torch: native addon not built: ${libtorch.reason}`);
  writeStatus({ built: false, reason: libtorch.reason });
  process.exit(0);
}

console.log(`@mimo/backend-torch: building against ${libtorch.source} (${libtorch.libDir})`);
// npm hands install scripts its own node-gyp; `npm run build:torch` in the repository uses the dev dependency.
const nodeGyp = process.env.npm_config_node_gyp || require.resolve('node-gyp/bin/node-gyp.js');
const duringInstall = process.env.npm_lifecycle_event === 'install';
// Node's own headers ship with most installs (include/node beside bin/node); use them rather than downloading.
const nodeDir = path.resolve(path.dirname(process.execPath), '..');
const args = [nodeGyp, 'rebuild', '--release', `--jobs=${process.env.MIMO_BUILD_JOBS ?? 'max'}`];
if (existsSync(path.join(nodeDir, 'include', 'node', 'common.gypi'))) args.push(`--nodedir=${nodeDir}`);
const started = Date.now();
const result = spawnSync(process.execPath, args, { cwd: projectDir, stdio: 'inherit' });
if (result.status !== 0) {
  writeStatus({ built: false, reason: `node-gyp failed (exit ${result.status}) building against ${libtorch.source}`, libtorch });
  console.error('@mimo/backend-torch: native build failed (see the compiler output above).');
  process.exit(duringInstall ? 0 : (result.status ?? 1));
}
const gloo = findGloo(libtorch);
const cuda = findCudaHeaders(libtorch);
const part = (found) => (found.found ? { built: true } : { built: false, reason: found.reason });
writeStatus({ built: true, libtorch, distributed: part(gloo), cudaGraphs: part(cuda) });
if (!gloo.found) console.log(`@mimo/backend-torch: distributed training not built: ${gloo.reason}`);
if (!cuda.found && isCudaBuild(libtorch)) console.log(`@mimo/backend-torch: CUDA graphs not built: ${cuda.reason}`);
console.log(`@mimo/backend-torch: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
