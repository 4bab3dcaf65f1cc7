import { statSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Serving the built client to phones on slow lines:
 * - text files are compressed once, at build (client/vite.config.ts writes `x.js.br` and
 *   `x.js.gz` next to `x.js`), never per request: the file the browser accepts best is sent
 *   with its `Content-Encoding`, and every text file says `Vary: Accept-Encoding` so a cache
 *   between never hands a compressed body to a browser that did not ask for one;
 * - hashed files (`/assets/…`, their name changes with their content) are immutable for a
 *   year; everything else (the page, the service worker, the manifest, icons) is revalidated
 *   on every use (`no-cache`, answered `304` when unchanged), so a new build is never hidden
 *   behind a stale page.
 */

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Extensions of text files: compressed at build, served with `Vary: Accept-Encoding`. */
export const TEXT_EXTENSIONS = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.webmanifest', '.txt', '.xml', '.map']);

/** The encodings written at build, in the order the server prefers them (brotli is about a fifth smaller). */
const VARIANTS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const;

/**
 * The codings an `Accept-Encoding` header accepts (q > 0), lower-cased. `*` stands for any
 * coding not named; a coding named with `q=0` is refused even under `*`.
 */
export function acceptedCodings(header: string | undefined): (coding: string) => boolean {
  const named = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key === 'q') q = Number(value);
    }
    named.set(name, Number.isFinite(q) ? q : 0);
  }
  return (coding) => {
    const q = named.get(coding) ?? named.get('*');
    return q !== undefined && q > 0;
  };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Sends `relative` (a path inside `root`, already checked) with the best variant the request
 * accepts and the cache policy of its kind. The caller has checked that the file exists.
 */
export function sendClientFile(req: Request, res: Response, root: string, relative: string, next: NextFunction): void {
  const file = path.join(root, relative);
  const ext = path.extname(file).toLowerCase();
  const headers: Record<string, string> = { 'Cache-Control': relative.split(path.sep)[0] === 'assets' ? IMMUTABLE : REVALIDATE };
  let served = relative;
  if (TEXT_EXTENSIONS.has(ext)) {
    headers.Vary = 'Accept-Encoding';
    const accepts = acceptedCodings(req.headers['accept-encoding']);
    const variant = VARIANTS.find((v) => accepts(v.coding) && isFile(file + v.suffix));
    if (variant) {
      served = relative + variant.suffix;
      headers['Content-Encoding'] = variant.coding;
    }
  }
  // the type of the file itself, not of its .br/.gz variant
  res.type(ext);
  headers['Content-Type'] = String(res.getHeader('Content-Type'));
  res.sendFile(served, { root, headers, cacheControl: false }, (error) => {
    if (error && !res.headersSent) next(error);
  });
}

/**
 * The files of the built client. A path that is no file (a page's route, say) goes on to the
 * next handler; a path out of `root` or into a dot folder never reaches the disk.
 */
export function clientFiles(root: string): RequestHandler {
  const base = path.resolve(root);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let decoded: string;
    try {
      decoded = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    if (decoded.includes('\0') || decoded.split('/').some((part) => part.startsWith('.'))) return next();
    const file = path.resolve(base, `.${decoded}`);
    if (!file.startsWith(base + path.sep) || !isFile(file)) return next();
    sendClientFile(req, res, base, path.relative(base, file), next);
  };
}

/** JSON smaller than this is sent as is: a header and a few bytes cost more than they save. */
export const JSON_COMPRESSION_THRESHOLD = 512;

/**
 * JSON answers compressed on the fly (brotli at a cheap level, or gzip), only when the client
 * accepts it and the body is worth it. Other answers (files, spreadsheets, the record's zip) are
 * left alone: the built client is compressed at build, the office files are zip already.
 */
export function jsonCompression(): RequestHandler {
  return compression({
    threshold: JSON_COMPRESSION_THRESHOLD,
    filter: (_req, res) => /^application\/json\b/i.test(String(res.getHeader('Content-Type') ?? '')),
  });
}
