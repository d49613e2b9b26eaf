import { AppPlugin, builtBrowserDecoder } from '@mimo/app-kit';
import * as path from 'path';
import { decodeFinanceRecords } from './data/decode-finance-records';
import { prepareFinance } from './data/prepare-finance';
import { financeRecordFields } from './data/record-fields';
import { createFinanceSpec, ENCODERS, FinanceEncoder } from './model';
import { writeFinanceReport } from './report/write-report';

/**
 * The finance app's plug-in for one news file (what `train --news` chooses; evaluate, predict and report read it
 * back from the bundle's preprocessing). `--encoder` (the kit's flag) picks the price encoder.
 */
export function createFinancePlugin(options: { news?: string } = {}): AppPlugin {
  const plugin: AppPlugin = {
    name: 'finance',
    encoders: ENCODERS,
    prepare: (prepare) => prepareFinance({ ...prepare, news: options.news }),
    createSpec: (spec) => createFinanceSpec(spec, (spec.encoder ?? ENCODERS[0]) as FinanceEncoder),
    decodeRecords: decodeFinanceRecords,
    browserDecoder: builtBrowserDecoder(path.resolve(__dirname, '..')),
    recordFields: financeRecordFields,
    report: async (report) => {
      process.stdout.write(`${await writeFinanceReport(plugin, report)}\n`);
      return 0;
    },
  };
  return plugin;
}

export const financePlugin = createFinancePlugin();
