// Every suite runs on the backend a user's run would get (wasm here), or on the one MIMO_BACKEND names,
// so `MIMO_BACKEND=cpu npm test` checks that models behave the same on another backend.
import { initBackend } from '@mimo/backend';

beforeAll(async () => {
  await initBackend();
});
