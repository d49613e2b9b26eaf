import { RequestHandler } from 'express';
import { sendError } from './send-error';

/** Answers 503 `timeout` when a request takes longer than `ms`; the late answer is then dropped. */
export function requestTimeout(ms: number): RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => sendError(res, 503, 'timeout', `the request took longer than ${ms} ms`), ms);
    res.on('close', () => clearTimeout(timer));
    res.on('finish', () => clearTimeout(timer));
    next();
  };
}
