// Bundled by the app's build into dist/browser/decoder.js: healthcare's record decoder for mimo-browser.js.
import { registerWithMimo } from '@mimo/web/app-decoder';
import { decodeHealthcareRecords, HEALTHCARE_RECORD_FILES } from '../src/datasets/decode-xray-records';

registerWithMimo({ app: 'healthcare', recordFiles: HEALTHCARE_RECORD_FILES, decode: (records, saved) => decodeHealthcareRecords(records, saved, '') });
