import { type SiteRow, vnTime } from '@diemcau/shared';
import { lazy, memo, Suspense, useMemo, useState } from 'react';
import { askConfirm } from '../../../components/confirm';
import { CopyButton } from '../../../components/CopyButton';
import { SiteFilterBar, useSiteFilters } from '../../../components/SiteFilters';
import { VirtualList } from '../../../components/VirtualList';
import { PHONE_QUERY, useMediaQuery } from '../../../hooks/useMediaQuery';
import { failureText, type Translate, useT } from '../../../i18n';
import { api } from '../../../lib/api';
import { connectionQuality } from '../../../lib/attendance';
import { sendAttendance } from '../../../realtime/commands';
import { useAppStore } from '../../../stores';
import { useEnded, useSiteRows } from '../../../stores/selectors';
import { videoSummary } from '../../../video/VideoStatus';
import { ImportDialog } from './ImportDialog';
import { type SiteAccess, siteLink, useSitesAccess } from './siteAccess';
import { SiteDialog, type SiteDialogMode } from './SiteDialog';

/** The QR library loads only when the print sheet opens. */
const PrintSheet = lazy(() => import('./PrintSheet'));

const ROW_HEIGHT = 76;
const ROW_HEIGHT_PHONE = 210;

type RowProps = {
  site: SiteRow;
  link: SiteAccess | undefined;
  onEdit: (site: SiteRow) => void;
  onReissue: (site: SiteRow) => void;
  onRemove: (site: SiteRow) => void;
  /** The meeting has ended: the row is a record (its link and PIN may still be re-issued), with no edit, removal or acknowledgement. */
  ended: boolean;
};

function siteState(t: Translate, site: SiteRow): string {
  const parts = [site.checkedInAt === null ? t('board.notCheckedIn') : t('filter.checkedIn'), t(`quality.${connectionQuality(site)}`)];
  if (site.readiness === 'problem') parts.push(t('reason.problem'));
  return parts.join(' · ');
}

const SiteManageRow = memo(function SiteManageRow({ site, link, onEdit, onReissue, onRemove, ended }: RowProps) {
  const t = useT();
  return (
    <div className="manage-row" data-testid="site-row">
      <div className="manage-row__site">
        <strong className="board-row__name" title={site.name}>
          {site.name}
        </strong>
        <span className="board-row__group">{site.group || t('board.noGroup')}</span>
      </div>
      <div className="manage-row__contact">
        <span title={site.contactName}>{site.contactName || t('common.none')}</span>
        <span className="hint">{[site.phone, site.email].filter(Boolean).join(' · ')}</span>
      </div>
      <div className="manage-row__expected mono" title={t('sites.expected')}>
        {site.expectedHeadcount ?? t('common.none')}
      </div>
      <div className="manage-row__state hint">
        <span>{siteState(t, site)}</span>
        {site.readiness === 'problem' && site.problemAckedAt !== null && (
          <span data-testid="problem-acknowledged">{t('sites.acknowledged', { time: vnTime(site.problemAckedAt) })}</span>
        )}
        {site.readiness === 'problem' && site.problemAckedAt === null && !ended && (
          <button type="button" className="button button--small button--warning" data-testid="acknowledge-problem" onClick={() => void sendAttendance('site:acknowledge', { siteId: site.id })}>
            {t('sites.acknowledge')}
          </button>
        )}
        {site.video && <span data-testid="site-video">{videoSummary(t, site.video)}</span>}
      </div>
      <div className="manage-row__link">
        {link?.token && link.pin ? (
          <>
            <span className="manage-row__pin">
              PIN <strong className="mono" data-testid="site-pin">{link.pin}</strong>
              <CopyButton text={link.pin} label={`PIN ${site.name}`} />
            </span>
            <span className="manage-row__url">
              <a className="mono" href={siteLink(link.token)} target="_blank" rel="noreferrer">
                /site/{link.token.slice(0, 10)}…
              </a>
              <CopyButton text={siteLink(link.token)} label={`${t('sites.link')} ${site.name}`} />
            </span>
          </>
        ) : (
          <span className="hint">{t('common.loading')}</span>
        )}
      </div>
      <div className="manage-row__actions">
        {!ended && (
          <button type="button" className="icon-button" aria-label={`${t('sites.edit')}: ${site.name}`} title={t('sites.edit')} onClick={() => onEdit(site)}>
            ✎
          </button>
        )}
        <button type="button" className="icon-button" aria-label={`${t('sites.reissue')}: ${site.name}`} title={t('sites.reissue')} onClick={() => onReissue(site)}>
          ⟳
        </button>
        {!ended && (
          <button type="button" className="icon-button icon-button--danger" aria-label={`${t('common.delete')}: ${site.name}`} title={t('common.delete')} onClick={() => onRemove(site)}>
            ✕
          </button>
        )}
      </div>
    </div>
  );
});

/** The sites (điểm cầu) of the meeting: find, add, edit, remove, import, hand out links and PINs, print. */
export function SitesView({ token }: { token: string }) {
  const t = useT();
  const meetingId = useAppStore((s) => s.meeting?.meetingId ?? '');
  const rows = useSiteRows();
  const ended = useEnded();
  const phone = useMediaQuery(PHONE_QUERY);
  const { access, replace } = useSitesAccess(meetingId, token, rows.length);
  const filters = useSiteFilters(rows);
  const [dialog, setDialog] = useState<SiteDialogMode | null>(null);
  const [importing, setImporting] = useState(false);
  const [printing, setPrinting] = useState(false);
  const { matches, groups } = filters;
  const shown = useMemo(() => rows.filter(matches), [rows, matches]);
  const links = useMemo(() => new Map(access?.sites.map((s) => [s.siteId, s])), [access]);

  const actions = useMemo(
    () => ({
      onEdit: (site: SiteRow) => setDialog({ kind: 'edit', site }),
      onReissue: async (site: SiteRow) => {
        if (!(await askConfirm({ title: t('sites.reissue'), body: t('sites.reissueConfirm', { name: site.name }), confirmLabel: t('sites.reissue'), danger: true }))) return;
        const res = await api<{ token: string; pin: string }>(`/meetings/${meetingId}/sites/${site.id}/reissue`, { method: 'POST', token });
        if (!res.ok) return useAppStore.getState().pushToast('error', failureText(res));
        replace(site.id, res.data);
        useAppStore.getState().pushToast('success', t('sites.reissued', { name: site.name }));
      },
      onRemove: async (site: SiteRow) => {
        if (!(await askConfirm({ title: t('sites.removeTitle'), body: t('sites.removeConfirm', { name: site.name }), confirmLabel: t('common.delete'), danger: true }))) return;
        const res = await api<unknown>(`/meetings/${meetingId}/sites/${site.id}`, { method: 'DELETE', token });
        if (!res.ok) return useAppStore.getState().pushToast('error', failureText(res));
        useAppStore.getState().applyAttendanceChange({ meetingId, sites: [], removed: [site.id] });
        useAppStore.getState().pushToast('success', t('sites.removed', { name: site.name }));
      },
    }),
    [t, meetingId, token, replace],
  );

  if (printing && access) {
    return (
      <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
        <PrintSheet access={access} onClose={() => setPrinting(false)} />
      </Suspense>
    );
  }

  return (
    <main className="sites-view">
      <section className="panel board-list" aria-labelledby="sites-title">
        <SiteFilterBar title={t('sites.title')} titleId="sites-title" filters={filters} shown={shown.length} total={rows.length} countTestId="sites-count" />
        <div className="sites-view__actions">
          {ended ? (
            <p className="hint" data-testid="sites-ended">
              {t('sites.endedReadOnly')}
            </p>
          ) : (
            <>
              <button type="button" className="button button--primary" onClick={() => setDialog({ kind: 'add' })}>
                {t('sites.add')}
              </button>
              <button type="button" className="button" onClick={() => setImporting(true)}>
                {t('sites.import')}
              </button>
            </>
          )}
          <button type="button" className="button" disabled={!access || rows.length === 0} onClick={() => setPrinting(true)}>
            {t('sites.print')}
          </button>
          {!ended && (
            <a className="button button--ghost" href="/api/sites/template.xlsx" download>
              ⬇ {t('import.template')}
            </a>
          )}
          {access && (
            <span className="sites-view__code">
              {t('access.code')} <strong className="mono">{access.code}</strong>
            </span>
          )}
        </div>
        {shown.length === 0 ? (
          <p className="empty">{rows.length === 0 ? t('sites.empty') : t('board.noMatch')}</p>
        ) : (
          <VirtualList
            items={shown}
            rowHeight={phone ? ROW_HEIGHT_PHONE : ROW_HEIGHT}
            keyOf={(site) => site.id}
            renderRow={(site) => <SiteManageRow site={site} link={links.get(site.id)} onEdit={actions.onEdit} onReissue={(s) => void actions.onReissue(s)} onRemove={(s) => void actions.onRemove(s)} ended={ended} />}
            label={t('sites.title')}
          />
        )}
      </section>
      <SiteDialog mode={ended ? null : dialog} meetingId={meetingId} token={token} groups={groups} onClose={() => setDialog(null)} />
      <ImportDialog open={importing && !ended} meetingId={meetingId} token={token} onClose={() => setImporting(false)} />
    </main>
  );
}
