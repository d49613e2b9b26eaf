import { AppPlugin, FlagRules, metricsAtThreshold, requireFlag, ThresholdMetrics, youdenThreshold } from '@mimo/app-kit';
import { promises as fs } from 'fs';
import * as path from 'path';
import { healthcareCommand } from '../cli/healthcare-command';

import { valAndTestScores } from './split-scores';

const FLAGS = { model: { type: 'string' }, backend: { type: 'string' } } as const satisfies FlagRules;

/** The bundle file with the decision threshold chosen on the validation split. */
export const THRESHOLD_FILE = 'threshold.json';

export interface ThresholdRecord {
  head: string;
  chosenOn: 'val';
  rule: string;
  threshold: number;
  val: { default: ThresholdMetrics; chosen: ThresholdMetrics };
  test: { default: ThresholdMetrics; chosen: ThresholdMetrics };
}

/**
 * `mimo healthcare threshold --model DIR`: chooses the main head's decision threshold on the bundle's
 * validation split (Youden's J; the test split is only scored, never consulted) and saves it in the bundle
 * as threshold.json, with val and test metrics at 0.5 and at the chosen threshold.
 */
export const thresholdCommand = (plugin: AppPlugin) =>
  healthcareCommand('threshold', `choose a bundle's decision threshold on its validation split (Youden's J) and save it as ${THRESHOLD_FILE}`, FLAGS, async (flags) => {
    const dir = requireFlag(flags.model, 'model');
    const { head, val, test } = await valAndTestScores(plugin, dir);
    const chosen = youdenThreshold(val.labels, val.scores);
    const at = (split: typeof val, t: number) => metricsAtThreshold(split.labels, split.scores, t);
    const record: ThresholdRecord = {
      head,
      chosenOn: 'val',
      rule: "Youden's J (recall + specificity − 1), highest on the validation split",
      threshold: chosen.threshold,
      val: { default: at(val, 0.5), chosen },
      test: { default: at(test, 0.5), chosen: at(test, chosen.threshold) },
    };
    await fs.writeFile(path.join(dir, THRESHOLD_FILE), `${JSON.stringify(record, null, 2)}\n`);
    return record;
  });
