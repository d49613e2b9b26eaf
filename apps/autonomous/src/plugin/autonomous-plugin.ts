import { AppPlugin, builtBrowserDecoder } from '@mimo/app-kit';
import * as path from 'path';
import { lidarWidth, parseSensorPreprocessing } from '../data/sensor-preprocessing';
import { autonomousSpecFor } from '../model';
import { decodeSensorRecords, SENSOR_RECORD_FILES } from './decode-records';
import { extraCommandsFor, report } from './extra-commands';
import { prepareFrames } from './prepare-frames';
import { sensorRecordFields } from './record-fields';

/** What `train`, `evaluate`, `predict` and the experiments' robot runs use. */
const core: AppPlugin = {
  name: 'autonomous',
  prepare: prepareFrames,
  createSpec: ({ data, seed, fusion }) => {
    const state = parseSensorPreprocessing(data.preprocessing);
    return autonomousSpecFor(fusion ?? 'concat', { imageSize: state.imageSize, beams: lidarWidth(state), classes: state.classes.length, seed });
  },
  trainerConfig: () => ({ optimizer: { type: 'adam', learningRate: 0.002 } }),
  decodeRecords: (records, bundle, baseDir) => decodeSensorRecords(records, bundle.preprocessing, baseDir),
  recordFields: sensorRecordFields,
  recordFiles: SENSOR_RECORD_FILES,
  browserDecoder: builtBrowserDecoder(path.resolve(__dirname, '../..')),
  report,
};

/** The autonomous app's plug-in to @mimo/app-kit: its frames, its specs, its record decoding, its report. */
export const autonomousPlugin: AppPlugin = { ...core, extraCommands: extraCommandsFor(core) };
