import { RequestError } from '../predict/request-error';

const DATA_URL = /^data:[a-z0-9.+/-]*;base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes a base64 string (a `data:image/…;base64,` prefix is allowed); anything else is 400 `bad_base64`. */
export function decodeBase64(value: unknown, field: string): Buffer {
  if (typeof value !== 'string') throw RequestError.badRequest('bad_base64', field, `expected a base64 string, received ${value === null ? 'null' : typeof value}`);
  const text = value.replace(DATA_URL, '').replace(/\s+/g, '');
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) {
    throw RequestError.badRequest('bad_base64', field, 'expected base64 (A–Z, a–z, 0–9, +, /, padded with = to a multiple of 4 characters), received something else');
  }
  return Buffer.from(text, 'base64');
}
