// Bundled by the app's build into dist/browser/decoder.js: finance's record decoder for mimo-browser.js.
import { registerWithMimo } from '@mimo/web/app-decoder';
import { decodeFinanceRecords } from '../src/data/decode-finance-records';

registerWithMimo({ app: 'finance', recordFiles: [], decode: (records, saved) => decodeFinanceRecords(records, saved) });
