import * as tf from '@tensorflow/tfjs';
import { Bundle } from '@mimo/core';
import type { InputNames } from '@mimo/data';

/**
 * An app's raw-record path: JSON records as its `predict` command takes them (numbers, category strings, text,
 * base64 images…) → one tensor per model input, `[records.length, …inputShape]`. The server disposes the tensors.
 * Throw a `RequestError` to choose the answer's code; any other error is answered 400 `bad_record` with its message.
 */
export type RecordDecoder = (records: unknown[]) => Record<string, tf.Tensor> | Promise<Record<string, tf.Tensor>>;

/** One model version the server answers for. */
export interface ServedModel {
  /** The name in URLs (`/v1/models/{name}`); letters, digits, `_`, `-` and `.`. */
  name: string;
  /** The version reported by `GET /v1/models/{name}`. */
  version: string;
  bundle: Bundle;
  /** Raw records → tensors; without one, `records` requests are refused with 400 `no_record_decoder`. */
  decodeRecords?: RecordDecoder;
  /** The built browser script of its app's record decoder (`GET /v1/models/{name}/decoder.js`, docs/web.md). */
  browserDecoder?: string;
  /** Names of each input's elements (columns; a text input's words by id), so that explanations show them. */
  inputNames?: Record<string, InputNames>;
}

export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
