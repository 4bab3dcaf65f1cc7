import type { QuestionSubmit, SpeakRequest } from '@diemcau/shared';
import { api } from './api';

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

/** A device key as the server issues it (server/src/questions/device-keys.ts). */
const DEVICE_KEY_SHAPE = /^d1[A-Za-z0-9_-]{44}$/;
const asking = new Map<string, Promise<string | null>>();

/** This device's key for a meeting's public page, as the server issued it; null before it has one. */
export function storedSenderKey(meetingId: string): string | null {
  const stored = read(`${meetingId}.sender`);
  return stored !== null && DEVICE_KEY_SHAPE.test(stored) ? stored : null;
}

/**
 * This device's key for a meeting's public page: asked of the server once (it signs the keys
 * it issues, so a phone cannot make its own), then kept. Null when the server could not give
 * one now (no line, or too many new devices from this address): ask again later.
 */
export function senderKeyFor(meetingId: string, publicToken: string): Promise<string | null> {
  const stored = storedSenderKey(meetingId);
  if (stored !== null) return Promise.resolve(stored);
  let pending = asking.get(meetingId);
  if (!pending) {
    pending = api<{ deviceKey: string }>(`/public/${encodeURIComponent(publicToken)}/device`, { method: 'POST' }).then((res) => {
      asking.delete(meetingId);
      if (!res.ok) {
        console.warn('no device key yet', res.message);
        return null;
      }
      write(`${meetingId}.sender`, res.data.deviceKey);
      return res.data.deviceKey;
    });
    asking.set(meetingId, pending);
  }
  return pending;
}

/** Drops a key the server no longer takes (its data was reset): the next ask gets a new one. */
export const forgetSenderKey = (meetingId: string): void => write(`${meetingId}.sender`, null);

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
