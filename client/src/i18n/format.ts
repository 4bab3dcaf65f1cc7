import { formatClock, VN_OFFSET_MS } from '@diemcau/shared';
import type { Translate } from './index';

const pad = (n: number) => String(n).padStart(2, '0');

/** `dd/mm/yyyy` of a local date `YYYY-MM-DD`. */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** Weekday and date of a local date, Vietnamese style: "thứ Sáu 24/11/2023". */
export function formatDayDate(t: Translate, date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${t(`weekday.${weekday}` as 'weekday.0')} ${formatDate(date)}`;
}

/** "07:30, thứ Sáu 24/11/2023" from a local date and time. */
export function formatWhen(t: Translate, date: string, time: string): string {
  return `${time}, ${formatDayDate(t, date)}`;
}

/** Wall-clock time in Vietnam of an instant, `HH:mm:ss`. */
export function formatClockTime(at: number): string {
  const d = new Date(at + VN_OFFSET_MS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A countdown: `m:ss` / `h:mm:ss` within an hour and a half, whole hours and minutes beyond. */
export function formatCountdown(t: Translate, ms: number): string {
  return Math.abs(ms) < 90 * 60_000 ? formatClock(Math.abs(ms)) : formatMinutes(t, ms);
}

/**
 * A human duration rounded to whole minutes: "45 phút", "2 giờ 5 phút" (English "2 h 5 min").
 * Under a minute reads as "0 phút" only when exactly zero; otherwise at least one minute.
 */
export function formatMinutes(t: Translate, ms: number): string {
  const total = Math.round(Math.abs(ms) / 60_000) || (ms === 0 ? 0 : 1);
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return t('common.minutes', { n: minutes });
  const h = t('common.hours', { n: hours });
  return minutes === 0 ? h : `${h} ${t('common.minutes', { n: minutes })}`;
}
