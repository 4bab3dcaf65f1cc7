import { type Question, questionWindow } from '@diemcau/shared';
import { lazy, Suspense, useMemo, useState } from 'react';
import { ExportButton } from '../../components/ExportButton';
import { useNow } from '../../hooks/useNow';
import { useT } from '../../i18n';
import { officeName, STATUS_TABS } from '../../lib/questions';
import { runModeration } from '../../realtime/moderation';
import { useAppStore } from '../../stores';
import { useControlsLocked, useEnded } from '../../stores/selectors';
import { DuplicatesPanel } from './DuplicatesPanel';
import { useQuestionRights, useQuestionRows, useQuestionSettings, useQuestionsLoaded, useSpotlight } from './hooks';
import { publicLink, useQuestionsAccess } from './links';
import { LinksDialog } from './LinksDialog';
import type { CardActions } from './QuestionCard';
import { AnswerDialog, EditDialog, MergeDialog } from './QuestionDialogs';
import { QuestionFilterBar, QuestionList, StatusTabs } from './QuestionList';
import { formatMoment, SettingsDialog } from './SettingsDialog';
import { useQuestionFilters } from './useQuestionFilters';
import { shownName } from '../../i18n/generated';

/** The print sheet (and the QR library) load only when asked for. */
const PublicQrSheet = lazy(() => import('./PublicQrSheet'));

/** Whether the public page takes questions now, and until or from when. */
function WindowState() {
  const t = useT();
  const settings = useQuestionSettings();
  const now = useNow(1_000);
  const state = questionWindow(settings, now);
  const text =
    state === 'open'
      ? settings.closesAt === null
        ? t('qmod.windowOpen')
        : t('qmod.windowOpenUntil', { when: formatMoment(settings.closesAt, '') })
      : state === 'not_yet'
        ? t('qmod.windowNotYet', { when: formatMoment(settings.opensAt, '') })
        : t('qmod.windowClosed', { when: formatMoment(settings.closesAt, '') });
  return (
    <span className={`qwindow qwindow--${state}`} data-testid="window-state">
      {text}
    </span>
  );
}

/** The question on the projector now, and the way to take it down. */
function SpotlightCard({ locked }: { locked: boolean }) {
  const t = useT();
  const spotlight = useSpotlight();
  if (!spotlight) return null;
  return (
    <section className="panel qspot" aria-labelledby="qspot-title" data-testid="spotlight">
      <h2 id="qspot-title">◉ {t('qmod.spotlight')}</h2>
      <p className="qspot__text">{spotlight.text}</p>
      <p className="hint">{[spotlight.sender, spotlight.category].filter(Boolean).map((name) => shownName(t, name)).join(' · ')}</p>
      <button type="button" className="button button--small button--warning" disabled={locked} onClick={() => void runModeration('question:pin', { questionId: null }, t('qmod.unpinned'))}>
        {t('qmod.unpin')}
      </button>
    </section>
  );
}

/**
 * Moderation of questions and feedback, for the MC console's questions view and the
 * moderators' link: tabs by status with counts, filters, search, the actions on each
 * question, near-duplicate groups to merge, the pinned question. The MC and the organiser
 * also change the settings and hand out the links; a moderator link only reads the settings.
 */
export function ModerationView({ token }: { token: string }) {
  const t = useT();
  const rights = useQuestionRights();
  // an ended meeting's questions are a record: answers only (offices, and moderators for them), until the organiser reopens it
  const ended = useEnded();
  const moderate = rights.moderate && !ended;
  const settings = useQuestionSettings();
  const spotlight = useSpotlight();
  const rows = useQuestionRows();
  const loaded = useQuestionsLoaded();
  const locked = useControlsLocked();
  const now = useNow(60_000);
  const meetingId = useAppStore((s) => s.meeting?.meetingId ?? '');
  const filters = useQuestionFilters(rows, 'pending');

  const [editing, setEditing] = useState<Question | null>(null);
  const [answering, setAnswering] = useState<Question | null>(null);
  const [merging, setMerging] = useState<Question | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [linksOpen, setLinksOpen] = useState(false);
  const [printing, setPrinting] = useState(false);

  const officesKey = settings.offices.map((o) => `${o.id}:${o.name}`).join('|');
  const links = useQuestionsAccess(meetingId, token, officesKey, rights.configure && (linksOpen || printing));

  // the dialogs follow the row as it changes (another moderator's edit, a vote)
  const current = (q: Question | null) => (q === null ? null : (rows.find((r) => r.id === q.id) ?? q));
  const toggle = filters.toggle;

  const actions = useMemo<CardActions>(
    () => ({
      moderate: (q, action) => void runModeration('question:moderate', { questionId: q.id, action }, t(`qmod.did.${action}`)),
      edit: (q) => setEditing(q),
      answer: (q) => setAnswering(q),
      route: (q, officeId) =>
        void runModeration('question:route', { questionId: q.id, officeId, seen: { officeId: q.officeId } }, officeId === null ? t('qmod.unroutedDone') : t('qmod.routed', { name: officeName(t, settings.offices, officeId) })),
      pin: (q) => void runModeration('question:pin', { questionId: q?.id ?? null }, q ? t('qmod.pinned') : t('qmod.unpinned')),
      merge: (q) => setMerging(q),
      unmerge: (q) => void runModeration('question:unmerge', { questionId: q.id }, t('qmod.unmerged')),
      toggleMerged: (q) => toggle(q.id),
    }),
    [t, settings.offices, toggle],
  );

  if (printing && links.access) {
    return (
      <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
        <PublicQrSheet link={publicLink(links.access.publicToken)} onClose={() => setPrinting(false)} />
      </Suspense>
    );
  }

  const answeringNow = current(answering);
  return (
    <main className="qview">
      <div className="qview__bar">
        <h2 className="qview__title">{t('qmod.title')}</h2>
        <WindowState />
        <span className="hint">{settings.moderation === 'pre' ? t('qset.pre') : t('qset.post')}</span>
        <div className="qview__tools">
          <button type="button" className="button button--small" onClick={() => setSettingsOpen(true)}>
            ⚙ {rights.configure ? t('qset.title') : t('qset.view')}
          </button>
          {rights.configure && (
            <button type="button" className="button button--small" onClick={() => setLinksOpen(true)}>
              {t('qlinks.open')}
            </button>
          )}
          <ExportButton token={token} file="questions.xlsx" fallbackName="cau-hoi.xlsx" label={t('qmod.export')} />
        </div>
      </div>
      <div className="qview__grid">
        <section className="panel board-list qlist" aria-labelledby="qlist-title">
          <div className="board-list__toolbar qlist__toolbar">
            <h2 id="qlist-title" className="visually-hidden">
              {t('qmod.listLabel')}
            </h2>
            <StatusTabs filters={filters} tabs={STATUS_TABS} label={t('qmod.statusTabs')} />
            <QuestionFilterBar filters={filters} offices={settings.offices} categories={settings.categories} />
            <span className="hint qlist__count" data-testid="question-count">
              {t('qmod.count', { n: filters.shown, total: filters.totals.all })}
            </span>
          </div>
          {loaded ? (
            <QuestionList filters={filters} offices={settings.offices} now={now} moderate={moderate} pinnedId={spotlight?.questionId ?? null} locked={locked} actions={actions} empty={t('qmod.empty')} />
          ) : (
            <p className="loading">{t('common.loading')}</p>
          )}
        </section>
        <aside className="qview__side">
          {ended ? (
            <p className="panel hint" data-testid="questions-ended">
              {t('qmod.endedReadOnly')}
            </p>
          ) : (
            <>
              <SpotlightCard locked={locked} />
              <DuplicatesPanel rows={rows} />
            </>
          )}
        </aside>
      </div>
      <EditDialog q={current(editing)} onClose={() => setEditing(null)} />
      <AnswerDialog q={answeringNow} moderate={rights.moderate} defaultBy={answeringNow?.officeId ? officeName(t, settings.offices, answeringNow.officeId) : ''} onClose={() => setAnswering(null)} />
      <MergeDialog keeper={current(merging)} onClose={() => setMerging(null)} />
      <SettingsDialog open={settingsOpen} editable={rights.configure && !ended} onClose={() => setSettingsOpen(false)} />
      {rights.configure && (
        <LinksDialog
          open={linksOpen}
          access={links.access}
          error={links.error}
          onReissue={links.reissue}
          onPrint={() => {
            setLinksOpen(false);
            setPrinting(true);
          }}
          onClose={() => setLinksOpen(false)}
        />
      )}
    </main>
  );
}
