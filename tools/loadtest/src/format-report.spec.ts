import { formatLoadTable, formatMemory } from './format-report';

describe('load test report', () => {
  it('formats results as a markdown table and memory samples as a line', () => {
    const table = formatLoadTable([{ model: 'm', connections: 8, requestsPerSecond: 512.4, p50Ms: 3, p99Ms: 9, requests: 5124, errors: 0 }]);
    expect(table.split('\n')).toEqual(['| model | clients | req/s | p50 ms | p99 ms | requests | errors |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |', '| m | 8 | 512 | 3 | 9 | 5124 | 0 |']);
    expect(formatMemory([{ rssMb: 200, heapMb: 40, tensors: 9 }, { rssMb: 230, heapMb: 41, tensors: 9 }, { rssMb: 210, heapMb: 40.4, tensors: 9 }])).toBe('rss 200 → 210 MB (max 230), heap 40 → 40 MB, tfjs tensors 9 → 9 (max 9) over 3 samples');
  });
});
