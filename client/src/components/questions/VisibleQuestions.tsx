import { foldVietnamese, type PublicQuestion } from '@diemcau/shared';
import { useDeferredValue, useMemo, useState } from 'react';
import { useT } from '../../i18n';
import { voteQuestion } from '../../realtime/publicQuestions';
import { useAppStore } from '../../stores';
import { useEnded } from '../../stores/selectors';
import { AnswerBlock, UserText } from './QuestionBits';
import { shownName } from '../../i18n/generated';

type Sort = 'votes' | 'time';
/** Cards drawn at first, then this many more per "show more": a slow phone stays responsive with hundreds. */
const PAGE = 30;

const haystacks = new WeakMap<PublicQuestion, string>();

/** What a search is matched against (folded once per row version): text, sender, category, office, answer. */
function haystackOf(q: PublicQuestion): string {
  let folded = haystacks.get(q);
  if (folded === undefined) {
    folded = foldVietnamese([q.text, q.sender, q.category, q.officeName, q.answer, q.answeredBy].join(' \u0001 '));
    haystacks.set(q, folded);
  }
  return folded;
}

const compare: Record<Sort, (a: PublicQuestion, b: PublicQuestion) => number> = {
  votes: (a, b) => b.votes - a.votes || b.createdAt - a.createdAt,
  time: (a, b) => b.createdAt - a.createdAt,
};

function VoteButton({ question }: { question: PublicQuestion }) {
  const t = useT();
  const voted = useAppStore((s) => s.votedIds.has(question.id));
  // an ended meeting takes no more votes
  const ended = useEnded();
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    await voteQuestion(question, !voted);
    setBusy(false);
  };
  return (
    <button
      type="button"
      className={`ask-vote ${voted ? 'ask-vote--on' : ''}`}
      aria-pressed={voted}
      aria-label={t(voted ? 'ask.unvote' : 'ask.vote', { n: question.votes })}
      disabled={busy || ended}
      onClick={() => void toggle()}
      data-testid="ask-vote"
    >
      <span aria-hidden="true">▲</span>
      <span className="ask-vote__count mono" data-testid="ask-votes">
        {question.votes}
      </span>
    </button>
  );
}

function Card({ question }: { question: PublicQuestion }) {
  const t = useT();
  return (
    <li className={`ask-item ask-item--card ask-item--${question.status}`} data-testid="visible-question">
      <div className="ask-item__body">
        <p className="ask-item__text">
          <UserText text={question.text} />
        </p>
        <p className="ask-item__meta">
          <bdi className="ask-item__sender">{shownName(t, question.sender)}</bdi>
          <span className="chip chip--small">{shownName(t, question.category)}</span>
          {question.officeName && <span className="chip chip--small">{question.officeName}</span>}
          {question.mergedCount > 1 && <span className="chip chip--small">{t('ask.merged', { n: question.mergedCount })}</span>}
        </p>
      </div>
      <VoteButton question={question} />
      {question.status === 'answered' && question.answer && <AnswerBlock answer={question.answer} answeredBy={question.answeredBy} />}
    </li>
  );
}

/**
 * The approved questions: searchable without diacritics, by votes or newest first, with one
 * vote per device (or site) that can be taken back; answers under answered ones.
 */
export function VisibleQuestions({ headingId }: { headingId: string }) {
  const t = useT();
  const rows = useAppStore((s) => s.publicQuestions);
  const loaded = useAppStore((s) => s.publicQuestionsLoaded);
  const [sort, setSort] = useState<Sort>('votes');
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const search = useDeferredValue(foldVietnamese(query));
  const all = useMemo(() => [...rows.values()], [rows]);
  const shown = useMemo(() => all.filter((q) => search === '' || haystackOf(q).includes(search)).sort(compare[sort]), [all, search, sort]);

  return (
    <section className="ask-section" aria-labelledby={headingId} data-testid="visible-questions">
      <div className="ask-section__head">
        <h2 id={headingId}>{t('ask.visibleTitle')}</h2>
        {all.length > 0 && <span className="hint">{t('ask.count', { shown: shown.length, total: all.length })}</span>}
      </div>
      {all.length > 0 && (
        <div className="ask-tools">
          <input type="search" value={query} placeholder={t('ask.searchPlaceholder')} aria-label={t('ask.search')} onChange={(event) => setQuery(event.target.value)} />
          <div className="segmented" role="radiogroup" aria-label={t('ask.sort')}>
            {(['votes', 'time'] as const).map((s) => (
              <button key={s} type="button" role="radio" aria-checked={sort === s} onClick={() => setSort(s)}>
                {t(s === 'votes' ? 'ask.sortVotes' : 'ask.sortTime')}
              </button>
            ))}
          </div>
        </div>
      )}
      {!loaded && all.length === 0 ? (
        <p className="hint">{t('common.loading')}</p>
      ) : all.length === 0 ? (
        <p className="hint">{t('ask.visibleEmpty')}</p>
      ) : shown.length === 0 ? (
        <p className="hint">{t('ask.noMatch', { q: query.trim() })}</p>
      ) : (
        <ul className="ask-list">
          {shown.slice(0, limit).map((q) => (
            <Card key={q.id} question={q} />
          ))}
        </ul>
      )}
      {shown.length > limit && (
        <button type="button" className="button ask-more" onClick={() => setLimit(limit + PAGE)}>
          {t('ask.showMore', { n: Math.min(PAGE, shown.length - limit) })}
        </button>
      )}
    </section>
  );
}
