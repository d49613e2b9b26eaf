import autocannon from 'autocannon';

export interface LoadResult {
  model: string;
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Connection errors, timeouts and non-2xx answers together. */
  errors: number;
}

/** Runs autocannon against one `:predict` URL for `seconds` with `connections` concurrent clients. */
export async function measureLoad(url: string, model: string, body: string, connections: number, seconds: number): Promise<LoadResult> {
  const result = await autocannon({ url, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections, duration: seconds, timeout: 30 });
  return {
    model,
    connections,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

export interface MemorySample {
  rssMb: number;
  heapMb: number;
  tensors: number;
}

/** Resident set size, heap and live tfjs tensors of the server, read from its /metrics. */
export async function serverMemory(baseUrl: string): Promise<MemorySample> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const read = (metric: string) => Number(new RegExp(`^${metric} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMb: read('mimo_process_resident_memory_bytes') / 2 ** 20, heapMb: read('mimo_nodejs_heap_size_used_bytes') / 2 ** 20, tensors: read('mimo_tf_tensors') };
}
