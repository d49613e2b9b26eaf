import { SeededRandom } from '@mimo/core';
import { post, referenceModel } from '../testing/test-models.test-helper';
import { RunningServer, startServer } from './start-server';

/** A random JSON value, at most `depth` levels deep. */
function randomJson(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 0 ? 8 : 5));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return (next() - 0.5) * 10 ** Math.floor(next() * 40);
    case 3:
      return String.fromCharCode(...Array.from({ length: Math.floor(next() * 12) }, () => Math.floor(next() * 0xd7ff)));
    case 4:
      return Math.floor(next() * 30);
    case 5:
    case 6:
      return Array.from({ length: Math.floor(next() * 5) }, () => randomJson(next, depth - 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, (_, i) => [['instances', 'inputs', 'records', 'numeric', 'category', `k${i}`][Math.floor(next() * 6)], randomJson(next, depth - 1)]));
  }
}

describe('fuzz: malformed bodies never crash the server and get 4xx', () => {
  let server: RunningServer;
  let url: string;
  beforeAll(async () => {
    server = await startServer({ models: [referenceModel('numeric_categorical')], port: 0, apiToken: '', maxBodyBytes: 256 * 1024, maxInstances: 64 });
    url = `${server.url}/v1/models/numeric_categorical:predict`;
  });
  afterAll(() => server.close());

  it('answers 4xx with a JSON error to 300 random JSON bodies', async () => {
    const random = new SeededRandom(7);
    const next = () => random.next();
    for (let i = 0; i < 300; i++) {
      const value = randomJson(next, 5);
      const body = next() < 0.5 ? value : { [['instances', 'inputs', 'records'][i % 3]]: value };
      const res = await post(url, body);
      if (res.status === 200) continue; // a random body may be a valid request
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(typeof res.body.error).toBe('string');
    }
  });

  it.each([
    ['truncated JSON', '{"instances": [{"numeric": [1, 2'],
    ['deep nesting', `{"instances": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
    ['deep nesting without end', '['.repeat(200000)],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x69, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
    ['huge array', `{"instances": [${new Array(60000).fill('1').join(',')}]}`],
    ['huge number of instances', `{"instances": [${new Array(65).fill('{"numeric":[0,0,0,0,0,0,0,0,0,0],"category":[1]}').join(',')}]}`],
    ['wrong types everywhere', '{"instances": "all", "inputs": 3}'],
    ['a JSON string', '"instances"'],
    ['an empty body', ''],
    ['wrong content type', { contentType: 'application/x-www-form-urlencoded', body: 'instances=1' }],
    ['broken multipart', { contentType: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1' }],
    ['multipart without a boundary', { contentType: 'multipart/form-data', body: 'x' }],
  ])('%s', async (_case, body) => {
    const custom = typeof body === 'object' && !Buffer.isBuffer(body) ? body : undefined;
    const res = await post(url, custom ? custom.body : body, custom ? { 'content-type': custom.contentType } : {});
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('still answers good requests after all that', async () => {
    const res = await post(url, { instances: [{ numeric: new Array(10).fill(0), category: [1] }] });
    expect(res.status).toBe(200);
  });
});
