import { markFlagged, type Office, type Question } from '@diemcau/shared';
import { memo, useMemo } from 'react';
import { useT } from '../../i18n';
import { officeName, senderOf, statusKey, whenOf } from '../../lib/questions';
import { shownName } from '../../i18n/generated';

export type CardActions = {
  moderate: (q: Question, action: 'approve' | 'reject' | 'reopen') => void;
  edit: (q: Question) => void;
  answer: (q: Question) => void;
  route: (q: Question, officeId: string | null) => void;
  pin: (q: Question | null) => void;
  merge: (q: Question) => void;
  unmerge: (q: Question) => void;
  toggleMerged: (q: Question) => void;
};

type Props = {
  q: Question;
  offices: readonly Office[];
  now: number;
  /** Moderators act on everything; an office only answers. */
  moderate: boolean;
  pinned: boolean;
  /** Merged rows of this entry in the store, and whether they are shown below it. */
  mergedShown: number | null;
  expanded: boolean;
  locked: boolean;
  actions: CardActions;
};

const NO_OFFICE = '';

/** Status, flags, category, office and pin of a question, as chips. */
function Chips({ q, offices, pinned }: { q: Question; offices: readonly Office[]; pinned: boolean }) {
  const t = useT();
  return (
    <div className="qcard__chips">
      <span className={`chip chip--small qstatus qstatus--${q.status}`}>{t(statusKey(q.status))}</span>
      {q.flags.length > 0 && (
        <span className="chip chip--small qflag" data-testid="question-flag" title={t('qmod.flaggedHint')}>
          ⚑ {t('qmod.flagged', { words: q.flags.join(', ') })}
        </span>
      )}
      {q.category && <span className="chip chip--small">{shownName(t, q.category)}</span>}
      <span className={q.officeId === null ? 'chip chip--small qcard__office qcard__office--none' : 'chip chip--small qcard__office'}>→ {officeName(t, offices, q.officeId)}</span>
      {pinned && <span className="chip chip--small qpinned">◉ {t('qmod.onScreen')}</span>}
      {!q.visible && q.status === 'answered' && <span className="chip chip--small">{t('qmod.answerPrivate')}</span>}
    </div>
  );
}

/** A text as typed with the words of the abuse list marked (never spelled out or replaced). */
function Marked({ text, flagged }: { text: string; flagged: boolean }) {
  const pieces = useMemo(() => (flagged ? markFlagged(text) : null), [text, flagged]);
  if (!pieces) return <>{text}</>;
  return (
    <>
      {pieces.map((piece, i) =>
        piece.flagged ? (
          <mark key={i} className="qflag-word" data-testid="flagged-word">
            {piece.text}
          </mark>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}

function Meta({ q, now }: { q: Question; now: number }) {
  const t = useT();
  return (
    <div className="qcard__meta">
      <span title={t('qmod.votes')} data-testid="question-votes">
        ▲ {q.votes}
      </span>
      {q.mergedCount > 1 && (
        <span className="qcard__merged" data-testid="merged-count" title={t('qmod.mergedCountHint')}>
          {t('qmod.mergedCount', { n: q.mergedCount })}
        </span>
      )}
      <span className="mono">{whenOf(q.createdAt, now)}</span>
    </div>
  );
}

/**
 * One question of the moderation list or an office's inbox, in a row of fixed height: the
 * text clamped to two lines (the edit dialog shows all of it), the text as sent when a
 * moderator corrected it, the answer, the sender and what this link may do.
 */
export const QuestionCard = memo(function QuestionCard({ q, offices, now, moderate, pinned, mergedShown, expanded, locked, actions }: Props) {
  const t = useT();
  const edited = q.text !== q.originalText;
  const sender = senderOf(t, q);
  return (
    <article
      className={`qcard qcard--${q.status}${q.flags.length > 0 ? ' qcard--flagged' : ''}${pinned ? ' qcard--pinned' : ''}${edited || q.answer ? '' : ' qcard--plain'}`}
      data-testid="question-row"
      aria-label={q.text}
    >
      <div className="qcard__head">
        <Chips q={q} offices={offices} pinned={pinned} />
        <span className="qcard__sender" title={sender} data-testid="question-sender">
          {q.origin === 'site' && <span className="qcard__origin">{t('qmod.origin.site')}</span>}
          {q.origin === 'staff' && <span className="qcard__origin">{t('qmod.origin.staff')}</span>}
          {sender}
        </span>
        <Meta q={q} now={now} />
      </div>
      <p className="qcard__text" title={q.text} data-testid="question-text">
        <Marked text={q.text} flagged={q.flags.length > 0} />
      </p>
      <div className="qcard__extra">
        {edited && (
          <p className="qcard__original" title={q.originalText} data-testid="question-original">
            <span>{t('qmod.original')}</span> <Marked text={q.originalText} flagged={q.flags.length > 0} />
          </p>
        )}
        {q.answer && (
          <p className="qcard__answer" title={q.answer} data-testid="question-answer">
            <span>{t('qmod.answeredBy', { by: q.answeredBy })}</span> {q.answer}
          </p>
        )}
      </div>
      <div className="qcard__foot">
        <div className="qcard__actions" role="group" aria-label={t('qmod.actionsFor')}>
          {moderate && q.status === 'pending' && (
            <>
              <button type="button" className="button button--small button--primary" disabled={locked} onClick={() => actions.moderate(q, 'approve')}>
                ✓ {t('qmod.approve')}
              </button>
              <button type="button" className="button button--small button--danger-ghost" disabled={locked} onClick={() => actions.moderate(q, 'reject')}>
                ✕ {t('qmod.reject')}
              </button>
            </>
          )}
          {moderate && q.status === 'approved' && (
            <button type="button" className="button button--small button--danger-ghost" disabled={locked} onClick={() => actions.moderate(q, 'reject')}>
              ✕ {t('qmod.reject')}
            </button>
          )}
          {moderate && (q.status === 'rejected' || q.status === 'answered') && (
            <button type="button" className="button button--small" disabled={locked} onClick={() => actions.moderate(q, 'reopen')} title={t('qmod.reopenHint')}>
              ↺ {t('qmod.reopen')}
            </button>
          )}
          {moderate && (
            <button type="button" className="button button--small" disabled={locked} onClick={() => actions.edit(q)}>
              ✎ {t('qmod.edit')}
            </button>
          )}
          {q.status !== 'rejected' && (
            <button type="button" className="button button--small" disabled={locked} onClick={() => actions.answer(q)}>
              ↳ {q.answer ? t('qmod.editAnswer') : t('qmod.answer')}
            </button>
          )}
          {moderate && (offices.length > 0 || q.officeId !== null) && (
            <label className="qcard__route">
              <span className="visually-hidden">{t('qmod.route')}</span>
              <select value={q.officeId ?? NO_OFFICE} disabled={locked} title={t('qmod.route')} aria-label={t('qmod.route')} onChange={(event) => actions.route(q, event.target.value === NO_OFFICE ? null : event.target.value)}>
                <option value={NO_OFFICE}>{t('qmod.routeNone')}</option>
                {offices.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
                {q.officeId !== null && !offices.some((o) => o.id === q.officeId) && <option value={q.officeId}>{t('qmod.officeGone')}</option>}
              </select>
            </label>
          )}
          {moderate &&
            (pinned ? (
              <button type="button" className="button button--small button--warning" disabled={locked} onClick={() => actions.pin(null)}>
                {t('qmod.unpin')}
              </button>
            ) : (
              q.visible && (
                <button type="button" className="button button--small" disabled={locked} title={t('qmod.pinHint')} onClick={() => actions.pin(q)}>
                  ◉ {t('qmod.pin')}
                </button>
              )
            ))}
          {moderate && (
            <button type="button" className="button button--small" disabled={locked} onClick={() => actions.merge(q)} title={t('qmod.mergeHint')}>
              ⊕ {t('qmod.merge')}
            </button>
          )}
        </div>
        {mergedShown !== null && mergedShown > 0 && (
          <button type="button" className="link-button qcard__toggle" aria-expanded={expanded} onClick={() => actions.toggleMerged(q)}>
            {expanded ? '▾' : '▸'} {t('qmod.showMerged', { n: mergedShown })}
          </button>
        )}
      </div>
    </article>
  );
});

/** A submission merged into the entry above it: its own words and sender, and the way back out. */
export const MergedCard = memo(function MergedCard({ q, now, moderate, locked, actions }: Pick<Props, 'q' | 'now' | 'moderate' | 'locked' | 'actions'>) {
  const t = useT();
  const sender = senderOf(t, q);
  return (
    <article className="qcard qcard--child qcard--plain" data-testid="merged-row" aria-label={q.text}>
      <div className="qcard__head">
        <div className="qcard__chips">
          <span className="chip chip--small">↳ {t('qmod.mergedInto')}</span>
          {q.flags.length > 0 && <span className="chip chip--small qflag">⚑ {t('qmod.flagged', { words: q.flags.join(', ') })}</span>}
        </div>
        <span className="qcard__sender" title={sender}>
          {sender}
        </span>
        <Meta q={q} now={now} />
      </div>
      <p className="qcard__text qcard__text--child" title={q.text}>
        {q.text}
      </p>
      <div className="qcard__extra" />
      <div className="qcard__foot">
        {moderate && (
          <div className="qcard__actions">
            <button type="button" className="button button--small" disabled={locked} onClick={() => actions.unmerge(q)}>
              ↤ {t('qmod.unmerge')}
            </button>
          </div>
        )}
      </div>
    </article>
  );
});
