import { foldVietnamese, MAX_QUESTION_CHARS, type Question, questionSimilarity } from '@diemcau/shared';
import { type FormEvent, useDeferredValue, useMemo, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { useT } from '../../i18n';
import { problemsOf } from '../../lib/api';
import { haystackOf, isEntry, senderOf, statusKey } from '../../lib/questions';
import { sendModeration } from '../../realtime/moderation';
import { useAppStore } from '../../stores';
import { useQuestionRows, useQuestionSettings } from './hooks';
import { shownName } from '../../i18n/generated';

/** The question a dialog is about, quoted with its sender. */
function Quoted({ q }: { q: Question }) {
  const t = useT();
  return (
    <blockquote className="qquote">
      <p className="qquote__text">{q.text}</p>
      <footer className="hint">
        {senderOf(t, q)}
        {q.category && ` · ${shownName(t, q.category)}`}
      </footer>
    </blockquote>
  );
}

function EditForm({ q, onClose }: { q: Question; onClose: () => void }) {
  const t = useT();
  const settings = useQuestionSettings();
  const [text, setText] = useState(q.text);
  const [category, setCategory] = useState(q.category);
  const [issues, setIssues] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // The question as the dialog opened on it: a change by another screen meanwhile is refused, not overwritten.
  const [seen, setSeen] = useState({ text: q.text, category: q.category });
  const categories = settings.categories.includes(q.category) || q.category === '' ? settings.categories : [...settings.categories, q.category];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changed = { ...(text.trim() !== q.text ? { text: text.trim() } : {}), ...(category !== q.category ? { category } : {}) };
    if (Object.keys(changed).length === 0) return onClose();
    setBusy(true);
    const res = await sendModeration('question:edit', { questionId: q.id, ...changed, seen });
    setBusy(false);
    if (!res.ok) {
      // Refused as stale: the message says what it is now; pressing again saves over it knowingly.
      if (res.reason === 'stale_question') setSeen({ text: q.text, category: q.category });
      return setIssues(problemsOf(res));
    }
    useAppStore.getState().pushToast('success', t('qmod.saved'));
    onClose();
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field field--wide">
        <span>{t('qmod.text')}</span>
        <textarea rows={6} maxLength={MAX_QUESTION_CHARS} value={text} onChange={(event) => setText(event.target.value)} autoFocus />
      </label>
      {q.originalText !== text && (
        <div className="field field--wide">
          <span>{t('qmod.originalFull')}</span>
          <p className="qquote qquote__text" data-testid="edit-original">
            {q.originalText}
          </p>
        </div>
      )}
      <label className="field">
        <span>{t('qmod.category')}</span>
        <select value={category} onChange={(event) => setCategory(event.target.value)}>
          {q.category === '' && <option value="">{t('common.none')}</option>}
          {categories.map((c) => (
            <option key={c} value={c}>
              {shownName(t, c)}
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <span>{t('qmod.sender')}</span>
        <p>{senderOf(t, q)}</p>
      </div>
      <FormFooter issues={issues} submitLabel={t('common.save')} busy={busy} onCancel={onClose} />
    </form>
  );
}

/** Correct a question's words (typos before it goes public) and its category; the words as sent stay on record. */
export function EditDialog({ q, onClose }: { q: Question | null; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog open={q !== null} title={t('qmod.editTitle')} onClose={onClose} wide>
      {q && <EditForm key={q.id} q={q} onClose={onClose} />}
    </Dialog>
  );
}

/** Who answered last on this device: offices answer many questions in a row. */
const ANSWERED_BY_KEY = 'diemcau.answeredBy';

function rememberedAnsweredBy(): string {
  try {
    return localStorage.getItem(ANSWERED_BY_KEY) ?? '';
  } catch (error) {
    console.warn('answeredBy not remembered: storage unavailable', error);
    return '';
  }
}

function AnswerForm({ q, defaultBy, canPublish, onClose }: { q: Question; defaultBy: string; canPublish: boolean; onClose: () => void }) {
  const t = useT();
  const [answer, setAnswer] = useState(q.answer);
  const [answeredBy, setAnsweredBy] = useState(q.answeredBy || rememberedAnsweredBy() || defaultBy);
  const [wantsPublish, setPublish] = useState(q.answer === '' ? true : q.visible);
  const publish = canPublish && wantsPublish;
  const [issues, setIssues] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // The answer shown when the dialog opened: another office's or moderator's answer meanwhile is refused, not overwritten.
  const [seen, setSeen] = useState({ answer: q.answer });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [answer.trim() === '' && t('qmod.needAnswer'), answeredBy.trim() === '' && t('qmod.needAnsweredBy')].filter((m): m is string => m !== false);
    if (missing.length > 0) return setIssues(missing);
    setBusy(true);
    const res = await sendModeration('question:answer', { questionId: q.id, answer: answer.trim(), answeredBy: answeredBy.trim(), publish, seen });
    setBusy(false);
    if (!res.ok) {
      if (res.reason === 'stale_question') setSeen({ answer: q.answer });
      return setIssues(problemsOf(res));
    }
    try {
      localStorage.setItem(ANSWERED_BY_KEY, answeredBy.trim());
    } catch (error) {
      console.warn('answeredBy not remembered: storage unavailable', error);
    }
    useAppStore.getState().pushToast('success', publish ? t('qmod.answeredPublic') : t('qmod.answeredPrivate'));
    onClose();
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field field--wide">
        <Quoted q={q} />
      </div>
      <label className="field field--wide">
        <span>{t('qmod.answerText')} *</span>
        <textarea rows={6} maxLength={5000} value={answer} onChange={(event) => setAnswer(event.target.value)} autoFocus />
      </label>
      <label className="field field--wide">
        <span>{t('qmod.answeredByLabel')} *</span>
        <input maxLength={200} value={answeredBy} placeholder={t('qmod.answeredByHint')} onChange={(event) => setAnsweredBy(event.target.value)} />
      </label>
      <label className="check field--wide">
        <input type="checkbox" checked={publish} disabled={!canPublish} onChange={(event) => setPublish(event.target.checked)} />
        <span>{t('qmod.publish')}</span>
      </label>
      <p className="hint field--wide" data-testid="publish-hint">
        {!canPublish ? t('qmod.publishNeedsApproval') : publish ? t('qmod.publishHint') : t('qmod.privateHint')}
      </p>
      <FormFooter issues={issues} submitLabel={t('qmod.sendAnswer')} busy={busy} onCancel={onClose} />
    </form>
  );
}

/**
 * Answer a question (moderators, or the office it is routed to): the answer, who gives it, and
 * whether participants see it. An office publishes only what a moderator made public already.
 */
export function AnswerDialog({ q, defaultBy, moderate, onClose }: { q: Question | null; defaultBy: string; moderate: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog open={q !== null} title={q?.answer ? t('qmod.editAnswer') : t('qmod.answerTitle')} onClose={onClose} wide>
      {q && <AnswerForm key={q.id} q={q} defaultBy={defaultBy} canPublish={moderate || q.visible} onClose={onClose} />}
    </Dialog>
  );
}

const MERGE_CANDIDATES = 40;

function MergeForm({ keeper, onClose }: { keeper: Question; onClose: () => void }) {
  const t = useT();
  const rows = useQuestionRows();
  const [query, setQuery] = useState('');
  const search = useDeferredValue(foldVietnamese(query));
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [issues, setIssues] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  // the most similar entries first; a search narrows them to those containing its words
  const ranked = useMemo(() => {
    const others = rows.filter((q) => isEntry(q) && q.id !== keeper.id);
    return others.map((q) => ({ q, similarity: questionSimilarity(keeper.text, q.text) })).sort((a, b) => b.similarity - a.similarity || b.q.createdAt - a.q.createdAt);
  }, [rows, keeper]);
  const shown = useMemo(() => ranked.filter(({ q }) => search === '' || haystackOf(q).includes(search)).slice(0, MERGE_CANDIDATES), [ranked, search]);

  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.size === 0) return setIssues([t('qmod.mergeNone')]);
    setBusy(true);
    const res = await sendModeration('question:merge', { questionId: keeper.id, others: [...chosen] });
    setBusy(false);
    if (!res.ok) return setIssues(problemsOf(res));
    useAppStore.getState().pushToast('success', t('qmod.merged', { n: chosen.size + 1 }));
    onClose();
  };

  return (
    <form className="form qmerge" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field field--wide">
        <span className="hint">{t('qmod.mergeKeeps')}</span>
        <Quoted q={keeper} />
      </div>
      <label className="field field--wide">
        <span>{t('qmod.mergeSearch')}</span>
        <input type="search" value={query} placeholder={t('qmod.searchPlaceholder')} onChange={(event) => setQuery(event.target.value)} />
      </label>
      <ul className="qmerge__list field--wide" aria-label={t('qmod.mergeCandidates')}>
        {shown.length === 0 && <li className="empty">{t('qmod.noMatch')}</li>}
        {shown.map(({ q, similarity }) => (
          <li key={q.id}>
            <label className="qmerge__item">
              <input type="checkbox" checked={chosen.has(q.id)} onChange={() => toggle(q.id)} />
              <span className="qmerge__body">
                <span className="qmerge__text">{q.text}</span>
                <span className="hint">
                  {t(statusKey(q.status))} · {senderOf(t, q)} · ▲ {q.votes}
                  {q.mergedCount > 1 && ` · ${t('qmod.mergedCount', { n: q.mergedCount })}`}
                  {similarity >= 0.3 && ` · ${t('qmod.similar', { n: Math.round(similarity * 100) })}`}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <FormFooter issues={issues} submitLabel={t('qmod.mergeInto', { n: chosen.size })} busy={busy} onCancel={onClose} />
    </form>
  );
}

/** Merge other questions into this one: it stays, the others count in it and leave the lists (they can be split back). */
export function MergeDialog({ keeper, onClose }: { keeper: Question | null; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog open={keeper !== null} title={t('qmod.mergeTitle')} onClose={onClose} wide>
      {keeper && <MergeForm key={keeper.id} keeper={keeper} onClose={onClose} />}
    </Dialog>
  );
}
