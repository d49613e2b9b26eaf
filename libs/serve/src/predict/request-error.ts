/** What kind of problem a request had; also the `errors by kind` label of the metrics. */
export type RequestErrorCode =
  | 'bad_json'
  | 'bad_request'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'missing_input'
  | 'unknown_input'
  | 'bad_shape'
  | 'bad_type'
  | 'bad_value'
  | 'too_many_instances'
  | 'bad_record'
  | 'no_bench'
  | 'bad_base64'
  | 'bad_image'
  | 'no_record_decoder'
  | 'unknown_model'
  | 'unauthorized'
  | 'not_found'
  | 'method_not_allowed'
  | 'timeout'
  | 'unavailable'
  | 'non_finite_input'
  | 'non_finite_output'
  | 'internal';

/**
 * A problem with a request (never with the server): answered with `status` and the JSON body
 * `{ error, code, field? }`, where `error` names the field and says what was expected and what was received.
 * A record decoder may throw it to choose the code; any other error it throws is answered as `bad_record`.
 */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: RequestErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'RequestError';
  }

  static badRequest(code: RequestErrorCode, field: string | undefined, message: string): RequestError {
    return new RequestError(400, code, message, field);
  }
}

/** A value as an error message shows it: short, never the whole of a huge array or string. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return value.length > 40 ? `a string (${JSON.stringify(value.slice(0, 40))}…)` : `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
