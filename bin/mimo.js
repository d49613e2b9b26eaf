#!/usr/bin/env node
// The `mimo` command: runs the compiled CLI (tools/cli/dist, built by `npx nx run cli:build`, which tools/setup.sh
// runs). MIMO_FROM_SOURCE=1 runs the TypeScript sources through tsx instead, for a change not built yet.
const { spawnSync } = require('child_process');
const { existsSync } = require('fs');
const path = require('path');

const compiled = path.join(__dirname, '..', 'tools', 'cli', 'dist', 'main.js');
const fromSource = process.env.MIMO_FROM_SOURCE === '1' || !existsSync(compiled);

if (fromSource && !process.env.MIMO_TSX_LOADED) {
  // tsx must hook both require() and the CLI's lazy import()s, which only `node --import tsx` does: run again so.
  if (process.env.MIMO_FROM_SOURCE !== '1') process.stderr.write('mimo: tools/cli/dist is not built (npx nx run cli:build); running the sources through tsx\n');
  const env = { ...process.env, MIMO_TSX_LOADED: '1', TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', 'tsconfig.json') };
  const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, ...process.argv.slice(2)], { stdio: 'inherit', env });
  process.exitCode = child.status ?? 1;
} else {
  require(fromSource ? '../tools/cli/src/main.ts' : compiled)
    .main(process.argv.slice(2))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error) => {
        process.stderr.write(`mimo: ${error && error.message ? error.message : error}\n`);
        process.exitCode = 1;
      },
    );
}
