#!/usr/bin/env node
// The `mimo` command. Runs the TypeScript sources directly through tsx: no build step to forget.
const path = require('path');
process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', 'tsconfig.json');
require('tsx/cjs');
const { main } = require('../tools/cli/src/main.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`mimo: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 1;
  },
);
