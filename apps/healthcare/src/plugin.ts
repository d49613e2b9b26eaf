import { AppPlugin, builtBrowserDecoder } from '@mimo/app-kit';
import * as path from 'path';
import { cvCommand } from './cv/cv-command';
import { decodeHealthcareRecords, HEALTHCARE_RECORD_FILES } from './datasets/decode-xray-records';
import { prepareHealthcare } from './datasets/prepare-healthcare';
import { healthcareRecordFields } from './datasets/record-fields';
import { generateCommand } from './generate-command';
import { createHealthcareSpec } from './model';
import { writeHealthcareReport } from './report/write-report';
import { thresholdCommand } from './threshold/threshold-command';
import { healthcareTrainerConfig } from './trainer-config';
import { transferCommand } from './transfer/transfer-command';

/** What every healthcare command trains and evaluates with (the extra commands below take it, not the whole plugin). */
const core: AppPlugin = {
  name: 'healthcare',
  prepare: (options) => prepareHealthcare(options),
  createSpec: createHealthcareSpec,
  decodeRecords: decodeHealthcareRecords,
  recordFields: healthcareRecordFields,
  recordFiles: HEALTHCARE_RECORD_FILES,
  browserDecoder: builtBrowserDecoder(path.resolve(__dirname, '..')),
  trainerConfig: healthcareTrainerConfig,
  report: async (options) => {
    process.stdout.write(`${await writeHealthcareReport(core, options)}\n`);
    return 0;
  },
};

/** The healthcare app's plug-in to the app kit. */
export const healthcarePlugin: AppPlugin = {
  ...core,
  extraCommands: { generate: generateCommand, cv: cvCommand(core), transfer: transferCommand(core), threshold: thresholdCommand(core) },
};
