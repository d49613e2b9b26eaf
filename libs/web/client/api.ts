// Types of the answers the page reads; the server's own where it has them (type imports: nothing is bundled).
import type { RecordField } from '@mimo/data';
import type { AnsweredAttribution, AnsweredExplanation, ModelMetadata as ServedMetadata } from '@mimo/serve';

export type { RecordField };

/** An error answer of the server: its status, code, message and the request field it is about. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** JSON from the server; the page's cookie carries the token (see docs/web.md#auth). */
export async function api<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'not_json', `${path}: ${response.status} ${text.slice(0, 200)}`);
  }
  if (!response.ok) {
    const error = parsed as { error?: string; code?: string; field?: string };
    throw new ApiError(response.status, error.code ?? 'error', error.error ?? text, error.field);
  }
  return parsed as T;
}

/** What the page reads of a model (`GET /v1/models/{name}/metadata`), with the card's fields it draws typed. */
export type ModelMetadata = Omit<ServedMetadata, 'card'> & { card: ModelCardView };

export interface ModelCardView {
  name?: string;
  app?: string;
  createdAt?: string;
  backend?: string;
  data?: { name?: string; source?: string; n?: Record<string, number>; real?: string[]; simulated?: string[] };
  metrics?: { test?: Record<string, Record<string, number>>; val?: Record<string, Record<string, number>> };
  history?: Record<string, number[]>;
  classes?: Record<string, string[]>;
  thresholds?: Record<string, number>;
  recordFields?: RecordField[];
  testCharts?: Record<string, { confusion?: number[][]; roc?: { fpr: number; tpr: number }[] }>;
  training?: { seconds: number; examplesPerSecond: number };
}

/** One input's attributions and one head's explanation, as `:explain` answers them. */
export type Attribution = AnsweredAttribution;
export type HeadExplanation = AnsweredExplanation;

export type HeadAnswer = number | number[] | { class?: string; classes?: string[]; probability?: number; probabilities?: Record<string, number> };
