import { createHash, timingSafeEqual } from 'crypto';
import { RequestHandler } from 'express';
import { sendError } from './send-error';

/** The cookie the web app's page is authorised by, once opened as `/?token=<token>`. */
export const TOKEN_COOKIE = 'mimo_token';

const digest = (text: string) => createHash('sha256').update(text).digest();

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Requires the bearer token (compared in constant time) on every path but `open` ones (health checks): as an
 * `Authorization: Bearer <token>` header, or, for the web app's page and its own API calls, as the `mimo_token`
 * cookie that opening `/?token=<token>` sets (HttpOnly, SameSite=Strict: other sites' pages cannot send it).
 */
export function bearerAuth(token: string, open: readonly string[]): RequestHandler {
  const expected = digest(token);
  const valid = (candidate: string | undefined) => candidate !== undefined && timingSafeEqual(digest(candidate), expected);
  return (req, res, next) => {
    if (open.includes(req.path) || req.method === 'OPTIONS') return next();
    if (req.method === 'GET' && req.path === '/' && typeof req.query.token === 'string') {
      if (!valid(req.query.token)) return sendError(res, 401, 'unauthorized', 'the token in the address is not valid', 'token');
      res.cookie(TOKEN_COOKIE, req.query.token, { httpOnly: true, sameSite: 'strict', path: '/' });
      return res.redirect(303, '/');
    }
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    if (match ? valid(match[1]) : valid(cookie(req.get('cookie'), TOKEN_COOKIE))) return next();
    res.set('WWW-Authenticate', 'Bearer');
    const page = req.method === 'GET' && req.path === '/' ? ' (for the web app, open /?token=<token> once)' : '';
    sendError(res, 401, 'unauthorized', match ? 'the bearer token is not valid' : `expected an Authorization: Bearer <token> header, received none${page}`, 'authorization');
  };
}
