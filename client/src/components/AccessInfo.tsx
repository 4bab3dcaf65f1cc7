import type { MeetingAccess } from '@diemcau/shared';
import { lazy, Suspense, useState } from 'react';
import { failureText, useT } from '../i18n';
import { api } from '../lib/api';
import { useAppStore } from '../stores';
import { askConfirm } from './confirm';
import { CopyButton } from './CopyButton';

const QrCode = lazy(() => import('../pages/mc/sites/PrintSheet').then((m) => ({ default: m.QrCode })));

const linkOf = (path: string) => `${window.location.origin}${path}`;

/** The meeting links that can be re-issued from here (`POST /api/meetings/:id/access/reissue`). */
export type MeetingLinkKind = 'mc' | 'projector' | 'leadership';

function CodeBox({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="access__code">
      <span className="access__label">{label}</span>
      <strong className="mono" data-testid={testId}>
        {value}
      </strong>
    </div>
  );
}

function LinkRow({ label, url, testId, onReissue, fresh }: { label: string; url: string; testId: string; onReissue?: () => void; fresh: boolean }) {
  const t = useT();
  return (
    <div className={fresh ? 'access__link access__link--fresh' : 'access__link'} data-testid={testId}>
      <span className="access__label">{label}</span>
      <a href={url} target="_blank" rel="noreferrer" className="access__url">
        {url}
      </a>
      <CopyButton text={url} label={label} />
      {onReissue && (
        <button type="button" className="button button--small button--danger-ghost" aria-label={`${t('access.reissue')}: ${label}`} onClick={onReissue}>
          ⟳ {t('access.reissue')}
        </button>
      )}
      {fresh && (
        <div className="access__fresh" role="status">
          <p className="hint">{t('access.reissuedHint')}</p>
          <Suspense fallback={<span className="hint">{t('common.loading')}</span>}>
            <QrCode text={url} label={label} />
          </Suspense>
        </div>
      )}
    </div>
  );
}

/**
 * Code, PIN and links of a meeting, for the organiser and the MC. `showMcLink` is off inside the
 * console itself. With `reissue` (the meeting's id and the caller's token), each link has a
 * button that issues a new one after a confirmation (the old one's open pages are cut at once),
 * then shows the new link with its QR code.
 */
export function AccessInfo({
  access,
  showMcLink,
  reissue,
}: {
  access: MeetingAccess;
  showMcLink: boolean;
  reissue?: { token: string; onReissued: (access: MeetingAccess) => void };
}) {
  const t = useT();
  const [fresh, setFresh] = useState<MeetingLinkKind | null>(null);
  const names: Record<MeetingLinkKind, string> = { mc: t('access.mcLink'), projector: t('access.screenLink'), leadership: t('access.boardLink') };
  const reissueLink = async (kind: MeetingLinkKind, by: NonNullable<typeof reissue>) => {
    const body = t(kind === 'mc' ? 'access.reissueConfirmMc' : 'access.reissueConfirm', { name: names[kind] });
    if (!(await askConfirm({ title: t('access.reissue'), body, confirmLabel: t('access.reissue'), danger: true }))) return;
    const res = await api<MeetingAccess>(`/meetings/${access.meetingId}/access/reissue`, { method: 'POST', token: by.token, body: { kind } });
    if (!res.ok) return useAppStore.getState().pushToast('error', failureText(res));
    by.onReissued(res.data);
    setFresh(kind);
    useAppStore.getState().pushToast('success', t('access.reissued', { name: names[kind] }));
  };
  const renew = (kind: MeetingLinkKind) => (reissue ? () => void reissueLink(kind, reissue) : undefined);
  return (
    <div className="access">
      <div className="access__codes">
        <CodeBox label={t('access.code')} value={access.code} testId="meeting-code" />
        <CodeBox label={t('access.pin')} value={access.mcPin} testId="meeting-pin" />
      </div>
      <LinkRow label={names.projector} url={linkOf(`/screen/${access.projectorToken}`)} testId="projector-link" onReissue={renew('projector')} fresh={fresh === 'projector'} />
      <LinkRow label={names.leadership} url={linkOf(`/board/${access.leadershipToken}`)} testId="board-link" onReissue={renew('leadership')} fresh={fresh === 'leadership'} />
      {showMcLink && <LinkRow label={names.mc} url={linkOf(`/mc/${access.mcToken}`)} testId="mc-link" onReissue={renew('mc')} fresh={fresh === 'mc'} />}
      <p className="hint">{t('access.hint')}</p>
    </div>
  );
}
