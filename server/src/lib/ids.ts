import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** URL-safe random string carrying `bytes` bytes of entropy. */
export const randomString = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** Short id for rows and agenda items (64 bits: unique, not a secret). */
export const newId = (): string => randomString(8);

/** `count` random decimal digits, for meeting codes and PINs typed on a remote. */
export const randomDigits = (count: number): string => Array.from({ length: count }, () => randomInt(10)).join('');

/** Compares two secrets in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
