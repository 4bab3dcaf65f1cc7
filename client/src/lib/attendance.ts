import { type AttentionReason, foldVietnamese, type SiteRow, vnTime } from '@diemcau/shared';
import type { Translate } from '../i18n';

/** A round trip under this reads as a good connection, under `FAIR_RTT_MS` as fair, else poor. */
const GOOD_RTT_MS = 150;
const FAIR_RTT_MS = 400;

export type Quality = 'good' | 'fair' | 'poor' | 'measuring' | 'offline' | 'never';

/** Connection quality of a site from its devices and their fastest clock round trip. */
export function connectionQuality(site: SiteRow): Quality {
  const { devices, rttMs, lastSeenAt } = site.presence;
  if (devices === 0) return lastSeenAt === null ? 'never' : 'offline';
  if (rttMs === null) return 'measuring';
  return rttMs < GOOD_RTT_MS ? 'good' : rttMs < FAIR_RTT_MS ? 'fair' : 'poor';
}

/** A reason chip's words: "Mất kết nối từ 07:42" carries the time. */
export function reasonLabel(t: Translate, reason: AttentionReason, site: SiteRow): string {
  if (reason === 'disconnected') return t('reason.disconnected', { time: vnTime(site.presence.disconnectedSince ?? 0) });
  return t(`reason.${reason}`);
}

export const STATUS_FILTERS = ['all', 'attention', 'checkedIn', 'notCheckedIn', 'disconnected', 'problem', 'noVideo'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** Whether a site (with its attention reasons) belongs to a status filter. */
export function matchesStatus(filter: StatusFilter, site: SiteRow, reasons: readonly AttentionReason[]): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'attention':
      return reasons.length > 0;
    case 'checkedIn':
      return site.checkedInAt !== null;
    case 'notCheckedIn':
      return site.checkedInAt === null;
    case 'disconnected':
      return site.presence.devices === 0;
    case 'problem':
      return site.readiness === 'problem';
    case 'noVideo':
      return site.video !== null && !site.video.connected;
  }
}

const folded = new WeakMap<SiteRow, string>();

/** Whether a site matches a search typed with or without diacritics (name, group, contact, representative, phone). */
export function matchesSearch(site: SiteRow, query: string): boolean {
  if (query === '') return true;
  let text = folded.get(site);
  if (text === undefined) {
    text = foldVietnamese([site.name, site.group, site.contactName, site.representative, site.phone, site.email].join(' '));
    folded.set(site, text);
  }
  return text.includes(query);
}

/** The distinct groups of the sites, in order of first appearance. */
export function groupsOf(sites: readonly SiteRow[]): string[] {
  return [...new Set(sites.map((site) => site.group))];
}

/** A `tel:` address from a phone number as people write it ("0912 345 678"). */
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;
