import { fail, MAX_QUESTION_CHARS, MAX_SITES } from '@diemcau/shared';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { MAX_PLAN_BYTES, MAX_PLAN_TEXT } from '../plans/plans.read';
import { MAX_IMPORT_BYTES } from '../sites/sites.import';

const KB = 1024;
/** A UTF-16 unit of text is at most 3 bytes of UTF-8 (a Vietnamese letter with its marks). */
const utf8 = (chars: number) => chars * 3;

/**
 * The body each route reads at most, in bytes, sized to the largest valid input of its schema
 * (texts at their longest in Vietnamese, plus the keys). No body is read anywhere else: routers
 * read a body after their guard (token, link or signature) has admitted the request, so a
 * request refused for who it is, or sent to no route, is answered before a byte of its body is
 * read. tests/integration/overload.test.ts holds every route to its row.
 */
export const BODY_LIMITS = {
  /** Routes that take nothing: an empty object at most. */
  none: 64,
  /** PIN login: a 6-digit code and a PIN. */
  pin: 1 * KB,
  /** Which link to re-issue: a kind and an office id. */
  linkKind: 1 * KB,
  /** "Use as template": a date, a start time and a title of 300 characters. */
  duplicate: 2 * KB,
  /** A vote on a public question: the voter's device key and up or down. */
  vote: 1 * KB,
  /** A public question: 2,000 characters, a name, a unit, a category and the keys. */
  question: utf8(MAX_QUESTION_CHARS + 120 + 200 + 60) + 2 * KB,
  /** One site: name, group, contact, phone, e-mail, headcount. */
  site: 4 * KB,
  /** A confirmed site import: every site of the largest meeting, each at most a site's body. */
  sitesImport: MAX_SITES * 2.5 * KB,
  /** A new meeting: the largest plan's text (what a meeting made from a plan holds) and its structure. */
  meeting: 2 * KB * KB,
  /** A pasted plan (JSON) or a plan file (raw bytes). */
  planText: utf8(MAX_PLAN_TEXT) + KB,
  planFile: MAX_PLAN_BYTES,
  /** Pasted site rows (JSON) or a site list file (raw bytes). */
  sitesText: MAX_IMPORT_BYTES,
  sitesFile: MAX_IMPORT_BYTES,
  /** LiveKit's webhook event, read after its signature's token is checked. */
  webhook: 256 * KB,
} as const;

/** Whether a request declares a body: a length other than 0, or a chunked stream. */
const declaresBody = (req: Request) => {
  const length = req.headers['content-length'];
  return length !== undefined ? length !== '0' : req.headers['transfer-encoding'] !== undefined;
};

/**
 * A body declared longer than `limit` is refused at once, unread (the parser would read it all
 * to the end before answering); a chunked one is counted while read and stopped at the limit.
 */
const tooLarge = (req: Request, limit: number) => Number(req.headers['content-length'] ?? 0) > limit;
const tooLargeError = (limit: number) => Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, limit });

const notJson = (res: Response) =>
  void res.status(415).json(fail('invalid', 'Thao tác này chỉ nhận nội dung JSON (Content-Type: application/json); tệp chỉ được tải lên ở mục nhập tệp.'));

/**
 * Reads a JSON body of at most `limit` bytes. Placed after a route's guard. A request with no
 * body goes on with `req.body` undefined; a body of another type is refused with 415 before it is
 * read (raw bytes are taken only by `uploadBody` routes); one over the limit gets 413.
 */
export function jsonBody(limit: number): RequestHandler {
  const parse = express.json({ limit, type: () => true });
  return (req, res, next) => {
    if (!declaresBody(req)) return next();
    if (!req.is('application/json')) return notJson(res);
    if (tooLarge(req, limit)) return next(tooLargeError(limit));
    parse(req, res, next);
  };
}

/**
 * Reads an upload route's body: JSON (pasted text) up to `json` bytes, any other type as raw
 * bytes (a file) up to `raw` bytes.
 */
export function uploadBody(limits: { json: number; raw: number }): RequestHandler {
  const parseJson = express.json({ limit: limits.json, type: () => true });
  const parseRaw = express.raw({ limit: limits.raw, type: () => true });
  return (req, res, next) => {
    if (!declaresBody(req)) return next();
    const json = Boolean(req.is('application/json'));
    const limit = json ? limits.json : limits.raw;
    if (tooLarge(req, limit)) return next(tooLargeError(limit));
    (json ? parseJson : parseRaw)(req, res, next);
  };
}

/** Reads a body as text (what a signature covers) of at most `limit` bytes, whatever its type. */
export function textBody(limit: number): RequestHandler {
  const parse = express.text({ limit, type: () => true });
  return (req, res, next) => (tooLarge(req, limit) ? next(tooLargeError(limit)) : parse(req, res, next));
}

/** The answer to a body the parser refused: too large (with the route's limit) or not JSON. */
export function bodyRefusal(error: unknown, res: Response, next: NextFunction): void {
  const { type, limit } = error as { type?: string; limit?: number };
  if (type === 'entity.parse.failed') return void res.status(400).json(fail('invalid', 'Nội dung gửi lên không phải JSON hợp lệ.'));
  if (type === 'entity.too.large') {
    const most = typeof limit === 'number' ? ` (tối đa ${limit >= KB * KB ? `${(limit / KB / KB).toFixed(1)} MB` : `${Math.ceil(limit / KB)} KB`})` : '';
    return void res.status(413).json(fail('invalid', `Nội dung gửi lên quá lớn${most}.`));
  }
  next(error);
}
