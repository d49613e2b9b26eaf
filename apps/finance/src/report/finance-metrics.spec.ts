import { financeScores, mcc } from './finance-metrics';

describe('finance metrics', () => {
  it('computes MCC: 1 when perfect, −1 when inverted, 0 for a constant guess, and a known mixed value', () => {
    expect(mcc([1, 0, 1, 0], [1, 0, 1, 0])).toBe(1);
    expect(mcc([1, 0, 1, 0], [0, 1, 0, 1])).toBe(-1);
    expect(mcc([1, 0, 1, 1], [1, 1, 1, 1])).toBe(0);
    // tp 2, tn 1, fp 1, fn 1: (2·1 − 1·1) / √(3·3·2·2) = 1/6
    expect(mcc([1, 1, 1, 0, 0], [1, 1, 0, 1, 0])).toBeCloseTo(1 / 6, 10);
  });

  it('scores returns (RMSE, MAE) and directions together; a class-only row has no return errors', () => {
    const scores = financeScores([1, -2, 3], [1, 0, 1], [0, -1, 1], [0, 0, 1]);
    expect(scores.rmse).toBeCloseTo(Math.sqrt((1 + 1 + 4) / 3), 10);
    expect(scores.mae).toBeCloseTo(4 / 3, 10);
    expect(scores.directionalAccuracy).toBeCloseTo(2 / 3, 10);
    expect(Number.isNaN(financeScores([1], [1], null, [1]).rmse)).toBe(true);
  });
});
