import { existsSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import sharp from 'sharp';
import { confusionMatrix, confusionMatrixSvg } from './confusion-matrix';
import { lineChartSvg } from './line-chart';
import { rocAuc, rocChartSvg, rocCurve } from './roc-curve';
import { writeChart } from './write-chart';

describe('charts', () => {
  it('computes ROC points and the exact AUC (ties as one step)', () => {
    expect(rocAuc(rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]))).toBeCloseTo(0.75);
    expect(rocAuc(rocCurve([0, 1], [0.5, 0.5]))).toBeCloseTo(0.5);
    expect(rocCurve([0, 1], [0.2, 0.9])).toEqual([{ fpr: 0, tpr: 0 }, { fpr: 0, tpr: 1 }, { fpr: 1, tpr: 1 }]);
  });

  it('counts a confusion matrix by [actual][predicted]', () => {
    expect(confusionMatrix([0, 0, 1, 2], [0, 1, 1, 2], 3)).toEqual([[1, 1, 0], [0, 1, 0], [0, 0, 1]]);
  });

  it('writes SVG and PNG files that sharp can read back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mimo-charts-'));
    const charts = {
      curves: lineChartSvg({ loss: [0.7, 0.5, 0.4], val_loss: [0.72, 0.6, NaN] }, { title: 'Learning <curves>' }),
      roc: rocChartSvg({ fused: rocCurve([0, 1, 1], [0.2, 0.7, 0.9]) }, { title: 'ROC' }),
      confusion: confusionMatrixSvg([[5, 1], [2, 7]], ['normal', 'pneumonia'], { title: 'Confusion' }),
    };
    expect(charts.curves).toContain('Learning &lt;curves&gt;');
    expect(charts.roc).toContain('fused (AUC 1.000)');
    for (const [name, svg] of Object.entries(charts)) {
      const files = await writeChart(path.join(dir, name), svg);
      expect(existsSync(files.svg)).toBe(true);
      const meta = await sharp(files.png).metadata();
      expect(meta.format).toBe('png');
      expect(meta.width).toBeGreaterThan(100);
    }
  });
});
