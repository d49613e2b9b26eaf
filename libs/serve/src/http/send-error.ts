import { Response } from 'express';
import { RequestError, RequestErrorCode } from '../predict/request-error';

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: string;
  code: RequestErrorCode;
  field?: string;
}

/** Answers with a JSON error once (a request that already timed out is not answered twice). */
export function sendError(res: Response, status: number, code: RequestErrorCode, message: string, field?: string): void {
  if (res.headersSent) return;
  res.locals.errorCode = code;
  const body: ErrorBody = field ? { error: `${field}: ${message}`, code, field } : { error: message, code };
  res.status(status).json(body);
}

export function sendRequestError(res: Response, error: RequestError): void {
  sendError(res, error.status, error.code, error.field ? error.message.slice(error.field.length + 2) : error.message, error.field);
}

/** Maps body-parser's errors, RequestErrors and anything else (500, logged, never a stack in the answer). */
export function sendAnyError(res: Response, error: unknown): void {
  if (error instanceof RequestError) return sendRequestError(res, error);
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.too.large') {
    const limit = (error as { limit?: number }).limit;
    return sendError(res, 413, 'body_too_large', `expected a body of at most ${limit} bytes, received more`, 'body');
  }
  if (type === 'entity.parse.failed') return sendError(res, 400, 'bad_json', 'expected valid JSON (NaN and Infinity are not JSON), received text that does not parse', 'body');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return sendError(res, 415, 'unsupported_media_type', 'expected a UTF-8 body', 'body');
  if (type === 'request.aborted' || type === 'request.size.invalid' || type === 'stream.encoding.set') return sendError(res, 400, 'bad_request', 'the request body was cut short or malformed', 'body');
  process.stderr.write(`mimo serve: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  sendError(res, 500, 'internal', 'internal error (see the server log)');
}
