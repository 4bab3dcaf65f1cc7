import type { MyQuestion } from '@diemcau/shared';
import { useMemo } from 'react';
import { useNow } from '../../hooks/useNow';
import { useT } from '../../i18n';
import { flushOutbox } from '../../realtime/publicQuestions';
import { useAppStore } from '../../stores';
import type { OutboxEntry } from '../../stores/publicQuestions.slice';
import { AnswerBlock, sentAt, StatusChip, UserText } from './QuestionBits';
import { shownName } from '../../i18n/generated';

/** The sender's own submissions, newest first, as a new array only when they change. */
function useMine(): readonly MyQuestion[] {
  const mine = useAppStore((s) => s.myQuestions);
  return useMemo(() => [...mine.values()].sort((a, b) => b.createdAt - a.createdAt), [mine]);
}

function Unsent({ entry }: { entry: OutboxEntry }) {
  const t = useT();
  const waiting = entry.state === 'waiting';
  return (
    <li className="ask-item ask-item--unsent" data-testid="my-question">
      <div className="ask-item__head">
        <StatusChip status={waiting ? 'unsent' : 'sending'} />
        <span className="chip">{shownName(t, entry.input.category ?? '')}</span>
      </div>
      <p className="ask-item__text">
        <UserText text={entry.input.text} />
      </p>
      {waiting && (
        <button type="button" className="button button--small" onClick={flushOutbox}>
          {t('ask.sendAgain')}
        </button>
      )}
    </li>
  );
}

function Mine({ question, now }: { question: MyQuestion; now: number }) {
  const t = useT();
  return (
    <li className={`ask-item ask-item--${question.status}`} data-testid="my-question">
      <div className="ask-item__head">
        <StatusChip status={question.status} />
        {question.category && <span className="chip">{shownName(t, question.category)}</span>}
        <span className="ask-item__time mono">{sentAt(question.createdAt, now)}</span>
      </div>
      <p className="ask-item__text">
        <UserText text={question.text} />
      </p>
      {question.status === 'answered' &&
        (question.answer ? <AnswerBlock answer={question.answer} answeredBy={question.answeredBy} /> : <p className="hint">{t('ask.answerPrivate')}</p>)}
    </li>
  );
}

/** "My questions": what this device (or site) sent, with status and published answers; unsent ones first. */
export function MyQuestions({ title, empty, headingId }: { title: string; empty: string; headingId: string }) {
  const mine = useMine();
  const outbox = useAppStore((s) => s.outbox);
  const now = useNow(60_000);
  // an entry acknowledged by the server is in the list already: do not show it twice
  const unsent = outbox.filter((e) => !mine.some((q) => q.clientId === e.clientId));
  return (
    <section className="ask-section" aria-labelledby={headingId} data-testid="my-questions">
      <h2 id={headingId}>{title}</h2>
      {unsent.length === 0 && mine.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <ul className="ask-list">
          {unsent.map((entry) => (
            <Unsent key={entry.clientId} entry={entry} />
          ))}
          {mine.map((q) => (
            <Mine key={q.id} question={q} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** How many submissions the sender has, counting those not sent yet. */
export function useMineCount(): number {
  return useAppStore((s) => s.myQuestions.size + s.outbox.filter((e) => ![...s.myQuestions.values()].some((q) => q.clientId === e.clientId)).length);
}
