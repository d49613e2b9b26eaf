import { summarise } from './measure';
import { formatTable, ratio } from './report-table';

describe('the bench table', () => {
  it('shows ratios under 1 with two decimals and the rest with one', () => {
    expect(ratio(summarise([87]), summarise([100]))).toBe('0.87×');
    expect(ratio(summarise([150]), summarise([100]))).toBe('1.5×');
    expect(ratio(summarise([100]), 'fails: out of memory')).toBe('-');
    expect(ratio(summarise([100]), summarise([0]))).toBe('-');
  });

  it('writes one row per model with the median, half the spread and the ratio against PyTorch', () => {
    const table = formatTable([{ model: 'mlp', description: 'MLP', results: { torch: summarise([90, 100, 110]), PyTorch: summarise([120]) } }], ['torch', 'PyTorch']);
    expect(table.split('\n')[2]).toBe('| MLP | 100 (±10%) | 120 (±0%) | - | - | 0.83× |');
  });
});
