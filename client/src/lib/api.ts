import { type Ack, fail } from '@diemcau/shared';
import { t } from '../i18n';

/**
 * One HTTP call to the diemcau API. Every answer, even a network failure, comes back as an
 * Ack so callers show `message` (what to do) the same way as socket refusals.
 */
export async function api<T>(path: string, options: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; token?: string } = {}): Promise<Ack<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  try {
    const res = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
    const json = (await res.json()) as Ack<T>;
    return typeof json === 'object' && json !== null && 'ok' in json ? json : fail('internal', t('common.networkError'));
  } catch (error) {
    console.warn(`request ${path} failed`, error);
    return fail('internal', t('common.networkError'));
  }
}
