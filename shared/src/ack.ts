import type { z } from './zod';

/** The small, closed set of failure kinds every command and request can answer with. */
export type ErrorCode = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'internal';

/**
 * The one result type of every command. `message` is Vietnamese, written for the person
 * who clicked; `reason` is a stable key a client may translate; `issues` lists field errors.
 */
export type Ack<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; reason?: string; issues?: string[] };

export type AckFailure = Extract<Ack<never>, { ok: false }>;

/** A refusal from the pure domain: carries what the user should be told. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const ok = <T>(data: T): Ack<T> => ({ ok: true, data });

export const fail = (code: ErrorCode, message: string, extra: { reason?: string; issues?: string[] } = {}): AckFailure => ({
  ok: false,
  code,
  message,
  ...extra,
});

/** Field errors of a failed parse, one line each: `agenda.0.title: …`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/** An `invalid` answer for a payload that did not parse. */
export function invalidInput(error: z.ZodError): AckFailure {
  const issues = describeIssues(error);
  return fail('invalid', `Dữ liệu không hợp lệ: ${issues.join('; ')}`, { reason: 'invalid_input', issues });
}
