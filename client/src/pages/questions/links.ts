import type { QuestionsAccess } from '@diemcau/shared';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { useAppStore } from '../../stores';
import { failureText } from '../../i18n';

/** Full addresses of the questions links, for copying, printing and the QR code. */
export const publicLink = (token: string) => `${window.location.origin}/q/${token}`;
export const moderatorLink = (token: string) => `${window.location.origin}/mod/${token}`;
export const officeLink = (token: string) => `${window.location.origin}/office/${token}`;

export type ReissueTarget = { kind: 'public' | 'moderator' } | { kind: 'office'; officeId: string };

/**
 * The public page's, the moderators' and every office's link (MC and organiser only), loaded
 * when `enabled` and again whenever the offices change (new offices get their link then).
 */
export function useQuestionsAccess(meetingId: string, token: string, officesKey: string, enabled: boolean) {
  const [access, setAccess] = useState<QuestionsAccess | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled || meetingId === '') return;
    let stale = false;
    void api<QuestionsAccess>(`/meetings/${meetingId}/questions/access`, { token }).then((res) => {
      if (stale) return;
      if (res.ok) {
        setAccess(res.data);
        setError(null);
      } else setError(failureText(res));
    });
    return () => {
      stale = true;
    };
  }, [meetingId, token, officesKey, enabled]);

  const reissue = useCallback(
    async (target: ReissueTarget): Promise<boolean> => {
      const res = await api<QuestionsAccess>(`/meetings/${meetingId}/questions/access/reissue`, { method: 'POST', token, body: target });
      if (!res.ok) {
        useAppStore.getState().pushToast('error', failureText(res));
        return false;
      }
      setAccess(res.data);
      return true;
    },
    [meetingId, token],
  );

  return { access, error, reissue };
}
