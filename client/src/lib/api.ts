import { type Ack, type AckFailure, fail } from '@diemcau/shared';
import { failureText, t } from '../i18n';

type Options = { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown; token?: string };

const authHeaders = (token: string | undefined): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

/**
 * One HTTP call to the diemcau API. Every answer, even a network failure, comes back as an
 * Ack so callers show `message` (what to do) the same way as socket refusals. A Blob body
 * (a chosen file) is sent as it is; anything else as JSON.
 */
export async function api<T>(path: string, options: Options = {}): Promise<Ack<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(options.token) };
  const raw = options.body instanceof Blob;
  if (options.body !== undefined) headers['Content-Type'] = raw ? (options.body as Blob).type || 'application/octet-stream' : 'application/json';
  try {
    const res = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : raw ? (options.body as Blob) : JSON.stringify(options.body),
    });
    const json = (await res.json()) as Ack<T>;
    return typeof json === 'object' && json !== null && 'ok' in json ? json : fail('internal', t('common.networkError'));
  } catch (error) {
    console.warn(`request ${path} failed`, error);
    return fail('internal', t('common.networkError'));
  }
}

/** The file name the server suggests (`filename*=UTF-8''…`), else `fallback`. */
function suggestedName(disposition: string | null, fallback: string): string {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  return encoded ? decodeURIComponent(encoded) : fallback;
}

/**
 * Downloads a file the API serves only with a Bearer token (the attendance export): fetched
 * as a blob and saved through a temporary link. Answers an Ack so a refusal reads the same.
 */
export async function download(path: string, token: string, fallbackName: string): Promise<Ack<string>> {
  try {
    const res = await fetch(`/api${path}`, { headers: authHeaders(token) });
    if (!res.ok) {
      const json = (await res.json().catch(() => null)) as Ack<never> | null;
      return json && !json.ok ? json : fail('internal', t('common.networkError'));
    }
    const name = suggestedName(res.headers.get('Content-Disposition'), fallbackName);
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { ok: true, data: name };
  } catch (error) {
    console.warn(`download ${path} failed`, error);
    return fail('internal', t('common.networkError'));
  }
}

/**
 * The lines to show for a refusal: field errors of invalid input on their own (the message
 * repeats them), otherwise the message followed by what it concerns (e.g. duplicate names).
 */
export function problemsOf(failure: AckFailure): string[] {
  const issues = failure.issues ?? [];
  if (failure.code === 'invalid' && issues.length > 0) return issues;
  return [failureText(failure), ...issues];
}
