import busboy from 'busboy';
import { RequestHandler } from 'express';
import { RequestError } from '../predict/request-error';
import { sendAnyError } from './send-error';

/**
 * `multipart/form-data` upload of one raw record: each text field is a column value, each file an image column
 * (passed on as base64). Becomes the body `{ records: [record] }`; sizes are capped by `maxBytes`.
 */
export function multipartRecord(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: maxBytes, fieldSize: maxBytes, files: 16, fields: 256, parts: 272 } });
    } catch (error) {
      return sendAnyError(res, RequestError.badRequest('bad_request', 'body', `expected a multipart body with a boundary: ${(error as Error).message}`));
    }
    const record: Record<string, string> = {};
    let total = 0;
    let failed: RequestError | undefined;
    const fail = (error: RequestError) => {
      failed ??= error;
      req.unpipe(parser);
      req.resume();
      sendAnyError(res, failed);
    };
    const tooLarge = () => fail(new RequestError(413, 'body_too_large', `expected a body of at most ${maxBytes} bytes, received more`, 'body'));
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return tooLarge();
      total += value.length;
      record[name] = value;
    });
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) return tooLarge();
        chunks.push(chunk);
      });
      stream.on('limit', tooLarge);
      stream.on('end', () => (record[name] = Buffer.concat(chunks).toString('base64')));
    });
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit']) parser.on(limit, () => fail(RequestError.badRequest('bad_request', 'body', `expected at most 16 files and 256 fields, received more (${limit})`)));
    parser.on('error', (error: Error) => fail(RequestError.badRequest('bad_request', 'body', `expected a well-formed multipart body: ${error.message}`)));
    parser.on('close', () => {
      if (failed) return;
      req.body = { records: [record] };
      next();
    });
    req.pipe(parser);
  };
}
