import { duplicateJsonKey } from '@mimo/data';
import { IncomingMessage } from 'http';
import { RequestError } from '../predict/request-error';

/**
 * `express.json`'s `verify` hook: a body whose object gives a key twice is a 400 `bad_json` (JSON.parse would keep
 * the later value silently, so `{"age": 40, "age": "forty"}` would be predicted on half of what was sent).
 */
export function refuseDuplicateKeys(_req: IncomingMessage, _res: unknown, body: Buffer): void {
  const duplicate = duplicateJsonKey(body.toString('utf8'));
  if (duplicate) throw new RequestError(400, 'bad_json', `expected each key once per object, received "${duplicate.key}" twice in ${duplicate.path}`, 'body');
}
