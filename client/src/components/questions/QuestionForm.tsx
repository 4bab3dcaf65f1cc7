import { MAX_QUESTION_CHARS, type MyQuestion, type QuestionSettings } from '@diemcau/shared';
import { type FormEvent, useId, useState } from 'react';
import { useT } from '../../i18n';
import { problemsOf } from '../../lib/api';
import { type QuestionDraft, submitQuestion } from '../../realtime/publicQuestions';
import { useAppStore } from '../../stores';
import { StatusChip, UserText } from './QuestionBits';
import { shownName } from '../../i18n/generated';

type Sent = { draft: QuestionDraft; officeName: string; question: MyQuestion | null };

/**
 * What was sent, after the server acknowledged it (or kept it on the device to send later). Its
 * status follows the live copy in "my questions" ("Chờ duyệt" became "Đã trả lời" there while
 * this card still said the first).
 */
function Confirmation({ sent, onAnother, defaultUnit }: { sent: Sent; onAnother: () => void; defaultUnit: string }) {
  const t = useT();
  const { draft, officeName } = sent;
  const live = useAppStore((s) => (sent.question ? s.myQuestions.get(sent.question.id) : undefined));
  const question = live ?? sent.question;
  const sender = draft.anonymous ? t('ask.anonymousSender') : [draft.name, draft.unit || defaultUnit].filter(Boolean).join(' – ');
  return (
    <div className={`ask-sent ${question ? '' : 'ask-sent--kept'}`} role="status" data-testid="ask-confirmation">
      <p className="ask-sent__title">{question ? `✓ ${t('ask.received')}` : `⚠ ${t('ask.kept')}`}</p>
      <p className="ask-sent__hint">{question ? t(question.visible ? 'ask.receivedVisible' : 'ask.receivedPending') : t('ask.keptHint')}</p>
      <blockquote className="ask-sent__text">
        <UserText text={draft.text} />
      </blockquote>
      <p className="ask-sent__meta">
        {question && <StatusChip status={question.status} />}
        <span className="chip">{shownName(t, draft.category ?? '')}</span>
        {officeName && <span className="chip">{officeName}</span>}
        {sender && (
          <span>
            {t('ask.sender')}: <bdi>{shownName(t, sender)}</bdi>
          </span>
        )}
      </p>
      <button type="button" className="button" onClick={onAnother}>
        {t('ask.sendAnother')}
      </button>
    </div>
  );
}

type Props = {
  settings: QuestionSettings;
  /** Closed or not yet open: the fields stay visible but disabled (public page only). */
  disabled?: boolean;
  /** Site page: the representative's name to start from, and the site's name, which the server uses when no unit is typed. */
  defaultName?: string;
  defaultUnit?: string;
  /** The public page offers "send anonymously" when the meeting allows it; a site never does. */
  offerAnonymous: boolean;
  variant: 'public' | 'site';
};

/**
 * A question form: text with a counter, category, office, name and unit, anonymous. Sends
 * through the device's outbox (socket, then HTTP on the public page) and shows what was
 * received, or the refusal with what to change.
 */
export function QuestionForm({ settings, disabled = false, defaultName = '', defaultUnit = '', offerAnonymous, variant }: Props) {
  const t = useT();
  const ids = useId();
  const [text, setText] = useState('');
  const [category, setCategory] = useState(settings.categories[0] ?? '');
  const [officeId, setOfficeId] = useState('');
  // null until the sender types a name: follows the default meanwhile (a site's representative checks in later)
  const [typedName, setName] = useState<string | null>(null);
  const name = typedName ?? defaultName;
  const [unit, setUnit] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [sending, setSending] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [sent, setSent] = useState<Sent | null>(null);
  const retrying = useAppStore((s) => sending && s.outbox.some((e) => e.state === 'retrying'));

  // the lists may change while the form is open: fall back to what is still offered
  const chosenCategory = settings.categories.includes(category) ? category : (settings.categories[0] ?? '');
  const office = settings.offices.find((o) => o.id === officeId) ?? null;
  const hidden = offerAnonymous && anonymous;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (disabled || sending) return;
    const trimmed = text.trim();
    if (trimmed.length < 3) return setProblems([t('ask.tooShort')]);
    setProblems([]);
    setSending(true);
    const draft: QuestionDraft = {
      text: trimmed,
      category: chosenCategory,
      officeId: office?.id ?? null,
      name: hidden ? '' : name.trim(),
      unit: hidden ? '' : unit.trim(),
      anonymous: hidden,
    };
    const outcome = await submitQuestion(draft);
    setSending(false);
    if (outcome.kind === 'refused') return setProblems(problemsOf(outcome.failure));
    setSent({ draft, officeName: office?.name ?? '', question: outcome.kind === 'stored' ? outcome.question : null });
    // each question chooses its own office and category: the next one starts from none (an anonymous
    // question once went to the office chosen for the one before); who sends, and how, stays
    setText('');
    setOfficeId('');
    setCategory(settings.categories[0] ?? '');
  };

  if (sent) return <Confirmation sent={sent} defaultUnit={defaultUnit} onAnother={() => setSent(null)} />;

  const length = text.length;
  return (
    <form className={`ask-form ask-form--${variant}`} onSubmit={(event) => void submit(event)} noValidate aria-busy={sending}>
      <fieldset className="ask-form__fields" disabled={disabled}>
        <label className="field">
          <span>{t('ask.text')} *</span>
          <textarea
            className="ask-form__text"
            value={text}
            rows={4}
            maxLength={MAX_QUESTION_CHARS}
            placeholder={t('ask.textPlaceholder')}
            aria-describedby={`${ids}-count`}
            onChange={(event) => setText(event.target.value)}
          />
          <small id={`${ids}-count`} className={`ask-form__count mono ${length > MAX_QUESTION_CHARS * 0.9 ? 'ask-form__count--near' : ''}`}>
            {t('ask.counter', { n: length, max: MAX_QUESTION_CHARS })}
          </small>
        </label>
        <div className="ask-form__row">
          <label className="field">
            <span>{t('ask.category')}</span>
            <select value={chosenCategory} onChange={(event) => setCategory(event.target.value)}>
              {settings.categories.map((c) => (
                <option key={c} value={c}>
                  {shownName(t, c)}
                </option>
              ))}
            </select>
          </label>
          {settings.offices.length > 0 && (
            <label className="field">
              <span>{t('ask.office')}</span>
              <select value={office?.id ?? ''} onChange={(event) => setOfficeId(event.target.value)}>
                <option value="">{t('ask.officeNone')}</option>
                {settings.offices.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {!hidden && (
          <div className="ask-form__row">
            <label className="field">
              <span>{variant === 'site' ? t('ask.siteSender') : t('ask.name')}</span>
              <input value={name} maxLength={120} autoComplete="name" onChange={(event) => setName(event.target.value)} />
            </label>
            <label className="field">
              <span>{variant === 'site' ? t('ask.siteUnit') : t('ask.unit')}</span>
              <input value={unit} maxLength={200} autoComplete="organization" placeholder={defaultUnit || undefined} onChange={(event) => setUnit(event.target.value)} />
            </label>
          </div>
        )}
        {offerAnonymous && (
          <label className="check ask-form__anonymous">
            <input type="checkbox" checked={anonymous} onChange={(event) => setAnonymous(event.target.checked)} />
            <span>
              {t('ask.anonymous')}
              {anonymous && <small className="hint"> – {t('ask.anonymousHint')}</small>}
            </span>
          </label>
        )}
        {problems.length > 0 && (
          <ul className="ask-form__problems" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <button type="submit" className="button button--primary button--large ask-form__send" disabled={sending}>
          {sending ? t(retrying ? 'ask.resending' : 'ask.sending') : t('ask.send')}
        </button>
        {variant === 'public' && <p className="hint">{t(settings.moderation === 'pre' ? 'ask.moderatedHint' : 'ask.postModeratedHint')}</p>}
      </fieldset>
    </form>
  );
}
