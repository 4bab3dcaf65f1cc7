import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/** Fields pino blanks in every log line: credentials wherever an object carrying them is logged. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'auth',
  '*.auth',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'pin',
  '*.pin',
];

/** Path segments this long are links' tokens (or could be): they never reach the log. */
const SECRET_SEGMENT_CHARS = 20;

/**
 * A request path fit for the log: no query string, and every segment that could be a token
 * (`/q/<token>`, `/api/public/<token>/…`, `/mc/<token>`) replaced by `:token`.
 */
export function loggablePath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path
    .split('/')
    .map((segment) => (segment.length >= SECRET_SEGMENT_CHARS ? ':token' : segment))
    .join('/');
}

/** Logs each request at debug level when it ends: method, path without tokens, status, duration. Headers are never logged. */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!logger.isLevelEnabled('debug')) return next();
    const startedAt = process.hrtime.bigint();
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
      logger.debug({ method: req.method, path: loggablePath(req.originalUrl), status: res.statusCode, ms: Math.round(ms) }, 'request');
    });
    next();
  };
}
