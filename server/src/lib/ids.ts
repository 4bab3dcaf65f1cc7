import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** URL-safe random string carrying `bytes` bytes of entropy. */
export const randomString = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** Short id for rows and agenda items (64 bits: unique, not a secret). */
export const newId = (): string => randomString(8);

/** `count` random decimal digits, for meeting codes and PINs typed on a remote. */
export const randomDigits = (count: number): string => Array.from({ length: count }, () => randomInt(10)).join('');

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Compares two secrets in time independent of their contents and lengths: both are hashed
 * to 32 bytes first, so neither where they differ nor how long the right one is shows.
 */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
