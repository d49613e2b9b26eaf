#!/usr/bin/env node
// The `mimo` command: runs the compiled CLI (tools/cli/dist, built by `npx nx run cli:build`, which tools/setup.sh
// runs). MIMO_FROM_SOURCE=1 runs the TypeScript sources through tsx instead, for a change not built yet.
const { existsSync } = require('fs');
const path = require('path');

const compiled = path.join(__dirname, '..', 'tools', 'cli', 'dist', 'main.js');
function loadCli() {
  if (process.env.MIMO_FROM_SOURCE !== '1' && existsSync(compiled)) return require(compiled);
  if (process.env.MIMO_FROM_SOURCE !== '1') process.stderr.write('mimo: tools/cli/dist is not built (npx nx run cli:build); running the sources through tsx\n');
  process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', 'tsconfig.json');
  require('tsx/cjs');
  return require('../tools/cli/src/main.ts');
}

loadCli()
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
