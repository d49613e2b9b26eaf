// Every suite runs on the backend a user's run would get (wasm here), or on the one MIMO_BACKEND names,
// so `MIMO_BACKEND=cpu npm test` checks that models behave the same on another backend.
// Loaded bundles get the fused layers, as in the CLI (tools/cli/src/main.ts).
import { initBackend } from '@mimo/backend';
import { installFusedLayers } from '@mimo/core';

beforeAll(async () => {
  await initBackend();
  installFusedLayers();
});
