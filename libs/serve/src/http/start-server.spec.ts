import { post, referenceModel, waitFor } from '../testing/test-models.test-helper';
import { startServer } from './start-server';

describe('startServer', () => {
  it('listens on 127.0.0.1 and, on close, answers the requests in flight before it stops', async () => {
    const server = await startServer({ models: [referenceModel('shared_multitask')], port: 0, apiToken: '', batching: { maxBatchSize: 1000, maxDelayMs: 1000 } });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const url = `${server.url}/v1/models/shared_multitask:predict`;
    const inFlight = Array.from({ length: 4 }, () => post(url, { instances: [new Array(20).fill(1)] }));
    await waitFor(() => server.inflight() === 4);
    expect(server.inflight()).toBe(4);
    const closed = server.close();
    const answers = await Promise.all(inFlight);
    await closed;
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('answers 503 timeout for a request that takes too long, and stays up', async () => {
    const server = await startServer({ models: [referenceModel('shared_multitask')], port: 0, apiToken: '', requestTimeoutMs: 20, batching: { maxBatchSize: 1000, maxDelayMs: 200 } });
    try {
      const res = await post(`${server.url}/v1/models/shared_multitask:predict`, { instances: [new Array(20).fill(1)] });
      expect(res).toMatchObject({ status: 503, body: { code: 'timeout' } });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
