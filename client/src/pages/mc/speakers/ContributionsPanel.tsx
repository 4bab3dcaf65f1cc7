import { type Contribution, DEFAULT_TURN_MS } from '@diemcau/shared';
import { type FormEvent, useState } from 'react';
import { Dialog } from '../../../components/Dialog';
import { FormFooter } from '../../../components/FormFooter';
import { useT } from '../../../i18n';
import { formatMinutes } from '../../../i18n/format';
import { sendCommand } from '../../../realtime/commands';
import { useAppStore } from '../../../stores';
import { useAgenda, useContributions, useControlsLocked, useCurrentItem } from '../../../stores/selectors';
import { SitePicker } from './SitePicker';

type Row = { key: number; topic: string; unit: string; siteId: string | null; minutes: string };

let nextKey = 1;
const toRow = (c: Pick<Contribution, 'topic' | 'unit' | 'siteId' | 'plannedMs'>): Row => ({ key: nextKey++, topic: c.topic, unit: c.unit, siteId: c.siteId, minutes: String(c.plannedMs / 60_000) });
const emptyRow = () => toRow({ topic: '', unit: '', siteId: null, plannedMs: DEFAULT_TURN_MS.contribution });

function Editor({ itemId, initial, onDone }: { itemId: string; initial: readonly Contribution[]; onDone: () => void }) {
  const t = useT();
  const locked = useControlsLocked();
  const [rows, setRows] = useState<Row[]>(() => initial.map(toRow));
  const [issues, setIssues] = useState<string[]>([]);
  const update = (key: number, change: Partial<Row>) => setRows((all) => all.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const move = (index: number, to: number) => setRows((all) => all.toSpliced(index, 1).toSpliced(to, 0, all[index]!));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const missing = rows.flatMap((row, index) => (row.topic.trim() === '' ? [t('speakers.needTopic', { n: index + 1 })] : []));
    setIssues(missing);
    if (missing.length > 0) return;
    const contributions = rows.map((row) => ({ topic: row.topic.trim(), unit: row.unit.trim(), siteId: row.siteId, plannedMs: Math.round(Number(row.minutes) * 60_000) }));
    if (await sendCommand('contributions:set', { itemId, contributions })) {
      useAppStore.getState().pushToast('success', t('speakers.contributionsSaved'));
      onDone();
    }
  };

  return (
    <form className="contrib-editor" onSubmit={(event) => void save(event)} noValidate>
      <p className="hint field--wide">{t('speakers.contributionsHint')}</p>
      <ol className="contrib-editor__list">
        {rows.map((row, index) => (
          <li key={row.key} className="contrib-editor__row" aria-label={t('speakers.contributionN', { n: index + 1 })}>
            <span className="contrib-editor__n">{index + 1}</span>
            <label className="field contrib-editor__topic">
              <span>{t('speakers.topic')}</span>
              <input value={row.topic} maxLength={1000} onChange={(event) => update(row.key, { topic: event.target.value })} />
            </label>
            <label className="field contrib-editor__unit">
              <span>{t('speakers.unit')}</span>
              <input value={row.unit} maxLength={200} onChange={(event) => update(row.key, { unit: event.target.value })} />
            </label>
            <SitePicker className="contrib-editor__site" value={row.siteId} onChange={(siteId) => update(row.key, { siteId })} noneLabel={t('common.none')} />
            <label className="field contrib-editor__minutes">
              <span>{t('speakers.minutes')}</span>
              <input type="number" min={0.5} max={60} step={0.5} value={row.minutes} onChange={(event) => update(row.key, { minutes: event.target.value })} />
            </label>
            <div className="contrib-editor__tools">
              <button type="button" className="button button--small" disabled={index === 0} aria-label={t('speakers.moveUp')} onClick={() => move(index, index - 1)}>
                ↑
              </button>
              <button type="button" className="button button--small" disabled={index === rows.length - 1} aria-label={t('speakers.moveDown')} onClick={() => move(index, index + 1)}>
                ↓
              </button>
              <button
                type="button"
                className="button button--small button--danger-ghost"
                aria-label={t('speakers.removeContribution', { n: index + 1 })}
                onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
              >
                ×
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="button button--small contrib-editor__add" onClick={() => setRows((all) => [...all, emptyRow()])}>
        {t('speakers.addContribution')}
      </button>
      <FormFooter issues={issues} submitLabel={t('speakers.saveContributions')} busy={locked} onCancel={onDone} />
    </form>
  );
}

/** The prepared contributions (tham luận) of one agenda item, listed and editable in a dialog. */
export function ContributionsPanel() {
  const t = useT();
  const agenda = useAgenda();
  const all = useContributions();
  const current = useCurrentItem();
  const locked = useControlsLocked();
  const withContributions = agenda.find((item) => all.some((c) => c.itemId === item.id));
  const [chosen, setChosen] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const itemId = chosen ?? (current && all.some((c) => c.itemId === current.item.id) ? current.item.id : (withContributions ?? current?.item ?? agenda[0])?.id);
  const item = agenda.find((i) => i.id === itemId);
  const contributions = all.filter((c) => c.itemId === itemId);

  return (
    <section className="panel contrib-panel" aria-labelledby="contrib-title">
      <div className="panel__head">
        <h2 id="contrib-title">{t('speakers.contributionsTitle')}</h2>
        <button type="button" className="button button--small" disabled={locked || !item} onClick={() => setEditing(true)}>
          {t('speakers.editContributions')}
        </button>
      </div>
      <label className="field">
        <span>{t('speakers.contributionsItem')}</span>
        <select value={itemId ?? ''} onChange={(event) => setChosen(event.target.value)}>
          {agenda.map((i, index) => (
            <option key={i.id} value={i.id}>
              {index + 1}. {i.title}
            </option>
          ))}
        </select>
      </label>
      {contributions.length === 0 ? (
        <p className="empty">{t('speakers.contributionsNone')}</p>
      ) : (
        <ol className="contrib-list" data-testid="contributions">
          {contributions.map((c) => (
            <li key={c.id}>
              <span className="contrib-list__topic">{c.topic}</span>
              <span className="contrib-list__meta">
                {[c.unit, formatMinutes(t, c.plannedMs)].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
        </ol>
      )}
      {item && (
        <Dialog open={editing} title={`${t('speakers.editContributions')}: ${item.title}`} onClose={() => setEditing(false)} wide>
          <Editor itemId={item.id} initial={contributions} onDone={() => setEditing(false)} />
        </Dialog>
      )}
    </section>
  );
}
