import { newestTorch, versionParts } from './pytorch-reference';

describe('the PyTorch peer', () => {
  it('is the newest torch among the pythons that have one', () => {
    expect(versionParts('2.13.0+cpu')).toEqual([2, 13, 0]);
    expect(versionParts('1.13.1a0')).toEqual([1, 13, 1]);
    const found = [
      { python: '/usr/bin/python3', version: '1.13.1' },
      { python: '/root/.pyenv/shims/python3', version: '2.13.0+cpu' },
      { python: '/opt/python3', version: '2.9.1' },
    ];
    expect(newestTorch(found)?.python).toBe('/root/.pyenv/shims/python3');
    expect(newestTorch([])).toBeUndefined();
  });
});
