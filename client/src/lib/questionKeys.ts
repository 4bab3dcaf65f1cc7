import type { QuestionSubmit, SpeakRequest } from '@diemcau/shared';

/**
 * What a sender's device keeps about questions, in localStorage per meeting ("scope"): its
 * secret sender key (public page), the questions it voted for, and submissions not yet
 * acknowledged (sent again after a reload with the same client id, so stored once).
 * Without storage (private mode, quota) everything still works for the open tab.
 */

const PREFIX = 'diemcau.q.';
const memory = new Map<string, string>();

function read(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key) ?? memory.get(key) ?? null;
  } catch (error) {
    console.warn('storage unavailable; keeping question data for this tab only', error);
    return memory.get(key) ?? null;
  }
}

function write(key: string, value: string | null): void {
  if (value === null) memory.delete(key);
  else memory.set(key, value);
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, value);
  } catch (error) {
    console.warn('storage unavailable; question data is kept for this tab only', error);
  }
}

function readJson<T>(key: string, valid: (value: unknown) => value is T, fallback: T): T {
  const raw = read(key);
  if (raw === null) return fallback;
  try {
    const value: unknown = JSON.parse(raw);
    return valid(value) ? value : fallback;
  } catch (error) {
    console.warn(`stored ${key} is not JSON; starting afresh`, error);
    return fallback;
  }
}

/** A random key of `bytes` bytes in base64url (16 bytes: 22 characters), from the crypto generator. */
export function randomKey(bytes = 16): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const KEY_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

/** This device's secret sender key for a meeting's public page: made once, then kept. */
export function senderKeyFor(meetingId: string): string {
  const key = `${meetingId}.sender`;
  const stored = read(key);
  if (stored !== null && KEY_SHAPE.test(stored)) return stored;
  const made = randomKey(18);
  write(key, made);
  return made;
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Ids of the questions this device (or site) voted for. */
export const loadVoted = (scope: string): string[] => readJson(`${scope}.voted`, isStringArray, []);
export const saveVoted = (scope: string, ids: Iterable<string>): void => write(`${scope}.voted`, JSON.stringify([...ids]));

/** A submission kept until the server acknowledged it. */
export type PendingQuestion = { clientId: string; input: QuestionSubmit & { clientId: string }; createdAt: number };

const isPending = (value: unknown): value is PendingQuestion[] =>
  Array.isArray(value) &&
  value.every((p: unknown) => {
    if (typeof p !== 'object' || p === null) return false;
    const { clientId, input, createdAt } = p as Record<string, unknown>;
    return typeof clientId === 'string' && typeof createdAt === 'number' && typeof input === 'object' && input !== null && typeof (input as { text?: unknown }).text === 'string';
  });

export const loadOutbox = (scope: string): PendingQuestion[] => readJson(`${scope}.outbox`, isPending, []);
export const saveOutbox = (scope: string, pending: readonly PendingQuestion[]): void => write(`${scope}.outbox`, pending.length ? JSON.stringify(pending) : null);

/** A site's request to speak kept until the server acknowledged it (sent again with the same request id). */
export type PendingSpeak = { requestId: string; input: SpeakRequest; createdAt: number };

const isPendingSpeak = (value: unknown): value is PendingSpeak[] =>
  Array.isArray(value) &&
  value.every((p: unknown) => {
    if (typeof p !== 'object' || p === null) return false;
    const { requestId, input, createdAt } = p as Record<string, unknown>;
    return typeof requestId === 'string' && typeof createdAt === 'number' && typeof input === 'object' && input !== null && typeof (input as { speaker?: unknown }).speaker === 'string';
  });

export const loadSpeakOutbox = (scope: string): PendingSpeak[] => readJson(`${scope}.speak`, isPendingSpeak, []);
export const saveSpeakOutbox = (scope: string, pending: readonly PendingSpeak[]): void => write(`${scope}.speak`, pending.length ? JSON.stringify(pending) : null);
