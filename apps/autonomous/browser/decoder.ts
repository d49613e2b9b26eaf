// Bundled by the app's build into dist/browser/decoder.js: autonomous's record decoder for mimo-browser.js.
import { registerWithMimo } from '@mimo/web/app-decoder';
import { decodeSensorRecords, SENSOR_RECORD_FILES } from '../src/plugin/decode-records';

registerWithMimo({ app: 'autonomous', recordFiles: SENSOR_RECORD_FILES, decode: (records, saved) => decodeSensorRecords(records, saved.preprocessing, '') });
