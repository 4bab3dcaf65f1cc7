/**
 * Vietnam keeps one offset all year (UTC+07:00, no daylight saving), so local wall-clock
 * times convert to instants with plain arithmetic, the same on server and client.
 */
export const VN_OFFSET_MS = 7 * 3_600_000;
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export const MINUTE_MS = 60_000;

/** Epoch ms of a local date `YYYY-MM-DD` at local time `HH:mm` in Vietnam. */
export function vnInstant(date: string, time: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, hh, mm) - VN_OFFSET_MS;
}

/** Local date `YYYY-MM-DD` in Vietnam of an epoch-ms instant. */
export function vnDate(at: number): string {
  return new Date(at + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Local time `HH:mm` in Vietnam of an epoch-ms instant. */
export function vnTime(at: number): string {
  return new Date(at + VN_OFFSET_MS).toISOString().slice(11, 16);
}

/** ISO 8601 with the +07:00 offset, e.g. `2023-11-24T07:30:00+07:00`. */
export function vnIso(at: number): string {
  return `${new Date(at + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}
