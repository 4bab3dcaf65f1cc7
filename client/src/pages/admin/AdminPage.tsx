import type { MeetingAccess, MeetingDetails, MeetingListStatus, MeetingSummary } from '@diemcau/shared';
import { useCallback, useEffect, useState } from 'react';
import { AccessInfo } from '../../components/AccessInfo';
import { askConfirm } from '../../components/confirm';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { DetailsForm } from '../../components/DetailsForm';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { failureText, useT } from '../../i18n';
import { api } from '../../lib/api';
import { navigate } from '../../lib/router';
import { useAppStore } from '../../stores';
import { MeetingRow } from './MeetingRow';
import { PlanImportDialog } from './PlanImportDialog';
import { TemplateDialog } from './TemplateDialog';

const SEARCH_DELAY_MS = 250;

type List = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; meetings: MeetingSummary[]; q: string };

/** The organiser's page: find, create, duplicate and delete meetings, and hand out their links. */
export function AdminPage({ token }: { token: string }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<MeetingListStatus>('all');
  const [template, setTemplate] = useState<MeetingSummary | null>(null);
  const [list, setList] = useState<List>({ state: 'loading' });
  const [creating, setCreating] = useState(false);
  const [fromPlan, setFromPlan] = useState(false);
  const [created, setCreated] = useState<MeetingAccess | null>(null);
  /** The organiser's new link once re-issued: this page's own link stopped working. */
  const [renewed, setRenewed] = useState<string | null>(null);

  const reissueOwnLink = async () => {
    if (!(await askConfirm({ title: t('admin.reissue'), body: t('admin.reissueConfirm'), confirmLabel: t('admin.reissue'), danger: true }))) return;
    const res = await api<{ token: string }>('/admin/reissue', { method: 'POST', token });
    if (!res.ok) return useAppStore.getState().pushToast('error', failureText(res));
    setRenewed(res.data.token);
  };
  /** Goes on under the new link (the old one is refused from now on). */
  const moveToRenewed = () => {
    if (renewed) navigate(`/admin/${renewed}`, { replace: true });
    setRenewed(null);
  };

  const load = useCallback(
    async (q: string, which: MeetingListStatus) => {
      const res = await api<MeetingSummary[]>(`/meetings?q=${encodeURIComponent(q)}&status=${which}`, { token });
      setList(res.ok ? { state: 'ready', meetings: res.data, q } : { state: 'error', message: failureText(res) });
    },
    [token],
  );

  useEffect(() => {
    const timer = window.setTimeout(() => void load(query, status), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [load, query, status]);

  const reload = useCallback(() => void load(query, status), [load, query, status]);

  const create = async (details: MeetingDetails) => {
    const res = await api<MeetingAccess>('/meetings', { method: 'POST', token, body: { details, agenda: [] } });
    if (!res.ok) {
      useAppStore.getState().pushToast('error', failureText(res));
      return false;
    }
    setCreating(false);
    setCreated(res.data);
    reload();
    return true;
  };

  return (
    <div className="page">
      <header className="page__bar">
        <span className="brand">diemcau</span>
        <h1 className="page__bar-title">{t('admin.title')}</h1>
        <button type="button" className="button button--small button--danger-ghost" onClick={() => void reissueOwnLink()}>
          ⟳ {t('admin.reissue')}
        </button>
        <LanguageSwitch />
      </header>
      <main className="page__main">
        <div className="toolbar">
          <label className="search">
            <span className="visually-hidden">{t('admin.search')}</span>
            <input type="search" value={query} placeholder={t('admin.searchPlaceholder')} aria-label={t('admin.search')} onChange={(event) => setQuery(event.target.value)} />
          </label>
          <div className="segmented" role="radiogroup" aria-label={t('archive.filter')}>
            {(['all', 'active', 'ended'] as const).map((which) => (
              <button key={which} type="button" role="radio" aria-checked={status === which} onClick={() => setStatus(which)}>
                {t(`archive.status.${which}`)}
              </button>
            ))}
          </div>
          {list.state === 'ready' && <span className="hint">{t('admin.count', { n: list.meetings.length })}</span>}
          <button type="button" className="button" onClick={() => setFromPlan(true)}>
            {t('plan.open')}
          </button>
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            {t('admin.create')}
          </button>
        </div>
        {list.state === 'loading' && <p className="loading">{t('common.loading')}</p>}
        {list.state === 'error' && (
          <p className="banner banner--danger" role="alert">
            {list.message}
          </p>
        )}
        {list.state === 'ready' && list.meetings.length === 0 && <p className="empty">{list.q ? t('admin.noResults', { q: list.q }) : t('admin.empty')}</p>}
        {list.state === 'ready' && list.meetings.length > 0 && (
          <div className="table-scroll">
            <table className="meetings-table">
              <thead>
                <tr>
                  <th>{t('admin.col.meeting')}</th>
                  <th>{t('admin.col.when')}</th>
                  <th>{t('admin.col.status')}</th>
                  <th>{t('admin.col.items')}</th>
                  <th>{t('admin.col.actions')}</th>
                </tr>
              </thead>
              {list.meetings.map((meeting) => (
                <MeetingRow key={meeting.id} meeting={meeting} token={token} onChanged={reload} onTemplate={() => setTemplate(meeting)} />
              ))}
            </table>
          </div>
        )}
      </main>
      <Dialog open={creating} title={t('admin.createTitle')} onClose={() => setCreating(false)} wide>
        <DetailsForm submitLabel={t('admin.createTitle')} onSubmit={create} onCancel={() => setCreating(false)} />
      </Dialog>
      <PlanImportDialog
        open={fromPlan}
        token={token}
        onClose={() => setFromPlan(false)}
        onCreated={(access) => {
          setFromPlan(false);
          setCreated(access);
          reload();
        }}
      />
      <TemplateDialog
        meeting={template}
        token={token}
        onClose={() => setTemplate(null)}
        onCreated={(access) => {
          setTemplate(null);
          setCreated(access);
          reload();
        }}
      />
      <Dialog open={renewed !== null} title={t('admin.reissued')} onClose={moveToRenewed}>
        {renewed && (
          <div className="access">
            <p>{t('admin.reissuedHint')}</p>
            <div className="access__link access__link--fresh" data-testid="admin-link">
              <span className="access__label">{t('admin.ownLink')}</span>
              <span className="access__url">{`${window.location.origin}/admin/${renewed}`}</span>
              <CopyButton text={`${window.location.origin}/admin/${renewed}`} label={t('admin.ownLink')} />
            </div>
            <button type="button" className="button button--primary" onClick={moveToRenewed}>
              {t('admin.goRenewed')}
            </button>
          </div>
        )}
      </Dialog>
      <Dialog open={created !== null} title={t('admin.created')} onClose={() => setCreated(null)} wide>
        {created && <AccessInfo access={created} showMcLink />}
      </Dialog>
    </div>
  );
}
