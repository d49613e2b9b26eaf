import { AppPlugin } from '@mimo/app-kit';
import { decodeHealthcareRecords } from './datasets/decode-xray-records';
import { prepareHealthcare } from './datasets/prepare-healthcare';
import { resolveHealthcareData } from './datasets/resolve-data';
import { generateCommand } from './generate-command';
import { createHealthcareSpec } from './model';
import { writeHealthcareReport } from './report/write-report';

/** The healthcare app's plug-in to the app kit. */
export const healthcarePlugin: AppPlugin = {
  name: 'healthcare',
  prepare: (options) => prepareHealthcare(options),
  createSpec: createHealthcareSpec,
  decodeRecords: decodeHealthcareRecords,
  // PneumoniaMNIST: small random rotations, shifts and zoom against the train → test shift.
  trainerConfig: (options) =>
    options.data !== undefined && resolveHealthcareData(options.data).kind === 'pneumoniamnist'
      ? { augmentation: { rotationRange: 10, widthShiftRange: 0.1, heightShiftRange: 0.1, zoomRange: 0.1 } }
      : {},
  extraCommands: { generate: generateCommand },
  report: async (options) => {
    process.stdout.write(`${await writeHealthcareReport(healthcarePlugin, options)}\n`);
    return 0;
  },
};
