import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../lib/api';
import { useAppStore } from '../../../stores';
import { failureText } from '../../../i18n';

export type SiteAccess = { siteId: string; name: string; group: string; token: string | null; pin: string | null };
export type SitesAccess = { code: string; sites: SiteAccess[] };

/** The full address of a site's page, for copying, printing and the QR code. */
export const siteLink = (token: string) => `${window.location.origin}/site/${token}`;

/**
 * The meeting code and every site's link and PIN (MC and organiser only), loaded again
 * whenever the number of sites changes; `replace` applies a re-issued link at once.
 */
export function useSitesAccess(meetingId: string, token: string, siteCount: number) {
  const [access, setAccess] = useState<SitesAccess | null>(null);

  useEffect(() => {
    let stale = false;
    void api<SitesAccess>(`/meetings/${meetingId}/sites/access`, { token }).then((res) => {
      if (stale) return;
      if (res.ok) setAccess(res.data);
      else useAppStore.getState().pushToast('error', failureText(res));
    });
    return () => {
      stale = true;
    };
  }, [meetingId, token, siteCount]);

  const replace = useCallback((siteId: string, link: { token: string; pin: string }) => {
    setAccess((current) => current && { ...current, sites: current.sites.map((s) => (s.siteId === siteId ? { ...s, ...link } : s)) });
  }, []);

  return { access, replace };
}
