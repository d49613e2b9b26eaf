import { metricsAtThreshold, youdenThreshold } from './binary-threshold';

describe('decision thresholds', () => {
  const labels = [0, 0, 0, 0, 1, 1, 1, 1];
  const scores = [0.1, 0.3, 0.6, 0.7, 0.65, 0.8, 0.9, 0.95];

  it('counts accuracy, precision, recall and specificity at a threshold', () => {
    const m = metricsAtThreshold(labels, scores, 0.5);
    expect(m).toMatchObject({ threshold: 0.5, accuracy: 0.75, precision: 4 / 6, recall: 1, specificity: 0.5 });
    expect(m.f1).toBeCloseTo(0.8, 12);
  });

  it("picks the midpoint with the highest Youden's J, the one nearer 0.5 on a tie", () => {
    // 0.625: recall 1, specificity 3/4; 0.75: recall 3/4, specificity 1 — both J 0.75, above 0.5's J 0.5.
    const best = youdenThreshold(labels, scores);
    expect(best.threshold).toBeCloseTo(0.625, 12);
    expect(best.recall + best.specificity - 1).toBeCloseTo(0.75, 12);
  });

  it('needs both classes', () => {
    expect(() => youdenThreshold([1, 1], [0.2, 0.9])).toThrow('choosing a threshold needs both classes; the labels hold only 1');
  });
});
