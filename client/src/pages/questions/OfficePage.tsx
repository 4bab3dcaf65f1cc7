import type { Question } from '@diemcau/shared';
import { useMemo, useState } from 'react';
import { useMeetingConnection } from '../../hooks/useMeetingConnection';
import { useNow } from '../../hooks/useNow';
import { useT } from '../../i18n';
import { formatWhen } from '../../i18n/format';
import { OFFICE_TABS } from '../../lib/questions';
import { useControlsLocked, useDetails } from '../../stores/selectors';
import { useQuestionRows, useQuestionSettings, useQuestionsLoaded } from './hooks';
import type { CardActions } from './QuestionCard';
import { AnswerDialog } from './QuestionDialogs';
import { QuestionFilterBar, QuestionList, StatusTabs } from './QuestionList';
import { QuestionsShell } from './QuestionsShell';
import { useQuestionFilters } from './useQuestionFilters';

const ignore = () => undefined;

/**
 * The office this inbox belongs to. The meeting snapshot does not name it, so it is read off
 * the rows routed here (all carry it); an empty inbox has no name to show yet.
 */
function useOfficeName(rows: readonly Question[]): string | null {
  const settings = useQuestionSettings();
  const officeId = rows.find((q) => q.officeId !== null)?.officeId ?? null;
  return officeId === null ? null : (settings.offices.find((o) => o.id === officeId)?.name ?? null);
}

function Inbox({ officeName }: { officeName: string | null }) {
  const t = useT();
  const rows = useQuestionRows();
  const loaded = useQuestionsLoaded();
  const locked = useControlsLocked();
  const settings = useQuestionSettings();
  const now = useNow(60_000);
  const filters = useQuestionFilters(rows, 'open');
  const [answering, setAnswering] = useState<Question | null>(null);
  const toggle = filters.toggle;
  const actions = useMemo<CardActions>(
    () => ({ moderate: ignore, edit: ignore, route: ignore, pin: ignore, merge: ignore, unmerge: ignore, answer: (q) => setAnswering(q), toggleMerged: (q) => toggle(q.id) }),
    [toggle],
  );
  const current = answering === null ? null : (rows.find((r) => r.id === answering.id) ?? null);
  return (
    <main className="qview qview--office">
      <section className="panel board-list qlist" aria-labelledby="qinbox-title">
        <div className="board-list__toolbar qlist__toolbar">
          <h2 id="qinbox-title">{t('qoffice.inbox')}</h2>
          <StatusTabs filters={filters} tabs={OFFICE_TABS} label={t('qmod.statusTabs')} />
          <QuestionFilterBar filters={filters} offices={null} categories={settings.categories} />
          <span className="hint qlist__count" data-testid="question-count">
            {t('qmod.count', { n: filters.shown, total: filters.totals.all })}
          </span>
        </div>
        <p className="hint qlist__note">{t('qoffice.hint')}</p>
        {loaded ? (
          <QuestionList filters={filters} offices={settings.offices} now={now} moderate={false} pinnedId={null} locked={locked} actions={actions} empty={t('qoffice.empty')} />
        ) : (
          <p className="loading">{t('common.loading')}</p>
        )}
      </section>
      <AnswerDialog q={current} moderate={false} defaultBy={officeName ?? ''} onClose={() => setAnswering(null)} />
    </main>
  );
}

/** An office's inbox (`/office/<token>`): the questions routed to it, to answer during and after the meeting. */
export function OfficePage({ token }: { token: string }) {
  const t = useT();
  useMeetingConnection(token);
  const details = useDetails();
  const rows = useQuestionRows();
  const officeName = useOfficeName(rows);
  return (
    <QuestionsShell
      badge={t('qoffice.badge')}
      heading={
        <>
          <h1 className="mc-header__title" data-testid="office-name">
            {officeName ?? t('qoffice.title')}
          </h1>
          {details && (
            <p className="mc-header__sub" title={details.title}>
              {[details.title, formatWhen(t, details.date, details.startTime)].join(' · ')}
            </p>
          )}
        </>
      }
    >
      <Inbox officeName={officeName} />
    </QuestionsShell>
  );
}
