import { createHash, timingSafeEqual } from 'crypto';
import { RequestHandler } from 'express';
import { sendError } from './send-error';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Requires `Authorization: Bearer <token>` (compared in constant time); `open` paths (health checks) pass. */
export function bearerAuth(token: string, open: readonly string[]): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    if (open.includes(req.path) || req.method === 'OPTIONS') return next();
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    if (match && timingSafeEqual(digest(match[1]), expected)) return next();
    res.set('WWW-Authenticate', 'Bearer');
    sendError(res, 401, 'unauthorized', match ? 'the bearer token is not valid' : 'expected an Authorization: Bearer <token> header, received none', 'authorization');
  };
}
