import type { MeetingAccess, MeetingSummary } from '@diemcau/shared';
import { useState } from 'react';
import { AccessInfo } from '../../components/AccessInfo';
import { askConfirm } from '../../components/confirm';
import { failureText, useT } from '../../i18n';
import { formatWhen } from '../../i18n/format';
import { api } from '../../lib/api';
import { useAppStore } from '../../stores';

type Props = { meeting: MeetingSummary; token: string; onChanged: () => void; onTemplate: () => void };

/** One meeting in the organiser's list; its links and PIN load when asked for. */
export function MeetingRow({ meeting, token, onChanged, onTemplate }: Props) {
  const t = useT();
  const [access, setAccess] = useState<MeetingAccess | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  /** Runs one request; a refusal becomes a toast, success a short confirmation and a reload. */
  const run = async <T,>(request: () => ReturnType<typeof api<T>>, done?: string) => {
    setBusy(true);
    const res = await request();
    setBusy(false);
    if (!res.ok) {
      useAppStore.getState().pushToast('error', failureText(res));
      return null;
    }
    if (done) {
      useAppStore.getState().pushToast('success', done);
      onChanged();
    }
    return res.data;
  };

  const toggleLinks = async () => {
    if (open) return setOpen(false);
    const data = access ?? (await run(() => api<MeetingAccess>(`/meetings/${meeting.id}/access`, { token })));
    if (data) {
      setAccess(data);
      setOpen(true);
    }
  };

  /** The report opens in the MC's reports view (read-only for an ended meeting), in a new tab. */
  const openReport = async () => {
    const tab = window.open('', '_blank');
    const data = access ?? (await run(() => api<MeetingAccess>(`/meetings/${meeting.id}/access`, { token })));
    if (!data) return void tab?.close();
    setAccess(data);
    if (tab) tab.location.href = `/mc/${encodeURIComponent(data.mcToken)}/reports`;
    else window.location.href = `/mc/${encodeURIComponent(data.mcToken)}/reports`;
  };

  const duplicate = () => run(() => api<MeetingAccess>(`/meetings/${meeting.id}/duplicate`, { method: 'POST', token }), t('admin.duplicated'));

  const remove = async () => {
    if (!(await askConfirm({ title: t('admin.deleteTitle'), body: t('admin.deleteBody', { title: meeting.title }), confirmLabel: t('common.delete'), danger: true }))) return;
    await run(() => api<{ id: string }>(`/meetings/${meeting.id}`, { method: 'DELETE', token }), t('admin.deleted'));
  };

  return (
    <tbody className="meeting-row" data-testid="meeting-row">
      <tr>
        <td className="meeting-row__title">
          <strong>{meeting.title}</strong>
          {meeting.organiser && <span className="hint">{meeting.organiser}</span>}
        </td>
        <td className="nowrap">{formatWhen(t, meeting.date, meeting.startTime)}</td>
        <td>
          <span className={`status-pill status-pill--${meeting.status}`}>{t(`status.${meeting.status}`)}</span>
        </td>
        <td className="mono">{meeting.agendaCount}</td>
        <td className="meeting-row__actions">
          <button type="button" className="button button--small" aria-expanded={open} disabled={busy} onClick={() => void toggleLinks()}>
            {open ? t('admin.hideLinks') : t('admin.links')}
          </button>
          {meeting.status !== 'scheduled' && (
            <button type="button" className="button button--small" disabled={busy} onClick={() => void openReport()}>
              {t('archive.report')} ↗
            </button>
          )}
          <button type="button" className="button button--small" disabled={busy} onClick={onTemplate}>
            {t('archive.template')}
          </button>
          <button type="button" className="button button--small" disabled={busy} onClick={() => void duplicate()}>
            {t('admin.duplicate')}
          </button>
          <button type="button" className="button button--small button--danger-ghost" disabled={busy} onClick={() => void remove()}>
            {t('common.delete')}
          </button>
        </td>
      </tr>
      {open && access && (
        <tr className="meeting-row__access">
          <td colSpan={5}>
            <div className="meeting-row__open">
              <a className="button button--primary button--small" href={`/mc/${access.mcToken}`} target="_blank" rel="noreferrer">
                {t('admin.openMc')} ↗
              </a>
              <a className="button button--small" href={`/screen/${access.projectorToken}`} target="_blank" rel="noreferrer">
                {t('admin.openScreen')} ↗
              </a>
              <a className="button button--small" href={`/board/${access.leadershipToken}`} target="_blank" rel="noreferrer">
                {t('admin.openBoard')} ↗
              </a>
            </div>
            <AccessInfo access={access} showMcLink reissue={{ token, onReissued: setAccess }} />
          </td>
        </tr>
      )}
    </tbody>
  );
}
