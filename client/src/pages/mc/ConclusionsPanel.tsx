import { type Conclusion, conclusionOf, MAX_CONCLUSION_CHARS } from '@diemcau/shared';
import { useId, useState } from 'react';
import { useT } from '../../i18n';
import { sendCommand } from '../../realtime/commands';
import { useAppStore } from '../../stores';
import { useAgenda, useContributions, useControlsLocked, useCurrentItem } from '../../stores/selectors';

const NO_CONCLUSIONS: readonly Conclusion[] = [];
const useConclusions = (): readonly Conclusion[] => useAppStore((s) => s.meeting?.view.conclusions ?? NO_CONCLUSIONS);

/**
 * One conclusion's text box. The draft follows the saved text until the MC types; a change
 * saved elsewhere replaces an untouched draft, never one being written.
 */
function ConclusionField({ itemId, contributionId, saved, label }: { itemId: string; contributionId: string | null; saved: string; label: string }) {
  const t = useT();
  const id = useId();
  const locked = useControlsLocked();
  const [draft, setDraft] = useState(saved);
  const [base, setBase] = useState(saved);
  if (saved !== base) {
    setBase(saved);
    if (draft === base) setDraft(saved);
  }
  const text = draft.trim();
  const dirty = text !== saved;
  const save = async (value: string) => {
    if (await sendCommand('conclusion:set', { itemId, contributionId, text: value })) {
      useAppStore.getState().pushToast('success', t(value === '' ? 'conclusions.cleared' : 'conclusions.saved'));
      if (value === '') setDraft('');
    }
  };
  return (
    <div className="conclusion-field">
      <label className="field" htmlFor={id}>
        <span>
          {label}
          {dirty && <em className="conclusion-field__unsaved"> · {t('conclusions.unsaved')}</em>}
        </span>
      </label>
      <textarea
        id={id}
        rows={3}
        maxLength={MAX_CONCLUSION_CHARS}
        value={draft}
        placeholder={t('conclusions.placeholder')}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          // Ctrl/⌘+Enter saves: the MC's hands stay on the keyboard while the chair speaks.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && dirty && !locked) {
            event.preventDefault();
            void save(text);
          }
        }}
      />
      <div className="controls__row">
        <button type="button" className="button button--small button--primary" disabled={locked || !dirty} onClick={() => void save(text)}>
          {t('conclusions.save')}
        </button>
        <button type="button" className="button button--small" disabled={locked || saved === ''} onClick={() => void save('')}>
          {t('conclusions.clear')}
        </button>
      </div>
    </div>
  );
}

/**
 * Conclusions (kết luận) noted while the meeting runs: on the current item by default, on any
 * item by choice, and on each prepared contribution (tham luận) of the item. They go into the
 * minutes and the conclusion notice.
 */
export function ConclusionsPanel() {
  const t = useT();
  const agenda = useAgenda();
  const contributions = useContributions();
  const conclusions = useConclusions();
  const current = useCurrentItem();
  const [chosen, setChosen] = useState<string | null>(null);
  const chosenItem = chosen === null ? undefined : agenda.find((i) => i.id === chosen);
  const item = chosenItem ?? current?.item ?? agenda[0];
  if (!item) return null;
  const ofItem = contributions.filter((c) => c.itemId === item.id);
  const listed = new Set(ofItem.map((c) => c.id));
  const orphaned = conclusions.filter((c) => c.itemId === item.id && c.contributionId !== null && !listed.has(c.contributionId));
  const done = ofItem.filter((c) => conclusionOf(conclusions, item.id, c.id)).length;

  return (
    <section className="panel conclusions-panel" aria-labelledby="conclusions-title" data-testid="conclusions-panel">
      <div className="panel__head">
        <h2 id="conclusions-title">{t('conclusions.title')}</h2>
        <span className="conclusions-panel__count">{t('conclusions.count', { n: conclusions.length })}</span>
      </div>
      <label className="field">
        <span>{t('conclusions.item')}</span>
        <select value={item.id} onChange={(event) => setChosen(event.target.value)}>
          {agenda.map((i, index) => (
            <option key={i.id} value={i.id}>
              {index + 1}. {i.title}
              {conclusionOf(conclusions, i.id) ? ' ✓' : ''}
            </option>
          ))}
        </select>
      </label>
      {current && item.id !== current.item.id && (
        <button type="button" className="link-button" onClick={() => setChosen(null)}>
          {t('conclusions.backToCurrent')}
        </button>
      )}
      <ConclusionField key={item.id} itemId={item.id} contributionId={null} saved={conclusionOf(conclusions, item.id)?.text ?? ''} label={t('conclusions.ofItem')} />
      {ofItem.length > 0 && (
        <details className="conclusions-panel__contributions">
          <summary>{t('conclusions.contributions', { done, n: ofItem.length })}</summary>
          <ol className="conclusions-panel__list">
            {ofItem.map((c) => {
              const noted = conclusionOf(conclusions, item.id, c.id);
              return (
                <li key={c.id}>
                  <details data-testid="contribution-conclusion">
                    <summary>
                      <span className="conclusions-panel__topic">{c.unit ? `${c.unit}: ${c.topic}` : c.topic}</span>
                      {noted && <span className="chip chip--small">✓ {t('conclusions.noted')}</span>}
                    </summary>
                    <ConclusionField itemId={item.id} contributionId={c.id} saved={noted?.text ?? ''} label={t('conclusions.ofContribution', { label: c.unit || c.topic.slice(0, 60) })} />
                  </details>
                </li>
              );
            })}
          </ol>
        </details>
      )}
      {orphaned.map((c) => (
        <p key={c.contributionId} className="hint conclusions-panel__orphan">
          <strong>{t('conclusions.orphaned')}:</strong> {c.label} — {c.text}{' '}
          <button type="button" className="link-button" onClick={() => void sendCommand('conclusion:set', { itemId: c.itemId, contributionId: c.contributionId, text: '' })}>
            {t('conclusions.clear')}
          </button>
        </p>
      ))}
    </section>
  );
}
