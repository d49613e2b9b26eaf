import { parseModelSpec } from '@mimo/core';
import { headMetricConfigs } from './head-metric-configs';
import { nestMetrics } from './nest-metrics';

const spec = parseModelSpec({
  name: 't',
  inputs: { x: { kind: 'numeric', size: 2, encoder: { type: 'dense', units: [2] } } },
  heads: { out: { type: 'binary' }, out_sev: { type: 'multiclass', classes: 3 } },
});

describe('nestMetrics', () => {
  it('groups flat logs by head, longest head name first, with an optional prefix', () => {
    const logs = { loss: 1, out_loss: 0.5, out_auc: 0.9, out_sev_loss: 0.7, out_sev_accuracy: 0.6, val_out_auc: 0.8 };
    expect(nestMetrics(logs, spec)).toEqual({ out: { loss: 0.5, auc: 0.9 }, out_sev: { loss: 0.7, accuracy: 0.6 } });
    expect(nestMetrics(logs, spec, 'val_')).toEqual({ out: { auc: 0.8 }, out_sev: {} });
  });

  it('picks metrics by head type', () => {
    expect(headMetricConfigs(spec)).toEqual({ out: ['accuracy', 'auc', 'precision', 'recall', 'f1'], out_sev: ['accuracy', 'f1'] });
  });
});
