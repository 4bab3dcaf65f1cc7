import { describeIssues, MAX_CATEGORIES, MAX_OFFICES, type QuestionSettings, QuestionSettingsPatch, vnDate, vnInstant, vnTime } from '@diemcau/shared';
import { type FormEvent, useId, useState } from 'react';
import { askConfirm } from '../../components/confirm';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { type Translate, useT } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { shownName } from '../../i18n/generated';
import { sendCommand } from '../../realtime/commands';
import { useAppStore } from '../../stores';
import { useQuestionSettings } from './hooks';

type Moment = { date: string; time: string };
type Draft = {
  opens: Moment;
  closes: Moment;
  moderation: QuestionSettings['moderation'];
  allowAnonymous: boolean;
  categories: string[];
  offices: { key: string; id?: string; name: string }[];
};

const momentOf = (at: number | null): Moment => (at === null ? { date: '', time: '' } : { date: vnDate(at), time: vnTime(at) });

let nextKey = 1;
const draftOf = (s: QuestionSettings): Draft => ({
  opens: momentOf(s.opensAt),
  closes: momentOf(s.closesAt),
  moderation: s.moderation,
  allowAnonymous: s.allowAnonymous,
  categories: [...s.categories],
  offices: s.offices.map((o) => ({ key: o.id, id: o.id, name: o.name })),
});

/** An instant from a date and a time typed in Vietnam time; both empty is "none", one alone is a mistake. */
function instantOf(t: Translate, moment: Moment, label: string): number | null | string {
  if (moment.date === '' && moment.time === '') return null;
  if (moment.date === '' || moment.time === '') return t('qset.needBoth', { what: label });
  return vnInstant(moment.date, moment.time);
}

/** "07:30 24/11/2023", or what null means. */
export function formatMoment(at: number | null, none: string): string {
  return at === null ? none : `${vnTime(at)} ${formatDate(vnDate(at))}`;
}

function MomentField({ legend, value, onChange, hint }: { legend: string; value: Moment; onChange: (m: Moment) => void; hint: string }) {
  const t = useT();
  return (
    <fieldset className="field qset__moment">
      <legend>{legend}</legend>
      <div className="qset__moment-inputs">
        <input type="date" aria-label={`${legend}: ${t('qset.date')}`} value={value.date} onChange={(event) => onChange({ ...value, date: event.target.value })} />
        <input type="time" aria-label={`${legend}: ${t('qset.time')}`} value={value.time} onChange={(event) => onChange({ ...value, time: event.target.value })} />
        <button type="button" className="button button--small button--ghost" disabled={value.date === '' && value.time === ''} onClick={() => onChange({ date: '', time: '' })}>
          {t('qset.clear')}
        </button>
      </div>
      <span className="hint">{hint}</span>
    </fieldset>
  );
}

/** Rows of names to rename, remove or add: categories and offices. */
function NameList({ legend, names, onRename, onRemove, onAdd, addLabel, max, counts }: {
  legend: string;
  names: string[];
  onRename: (index: number, name: string) => void;
  onRemove: (index: number) => void;
  onAdd: () => void;
  addLabel: string;
  max: number;
  counts?: number[];
}) {
  const t = useT();
  return (
    <fieldset className="field qset__names">
      <legend>{legend}</legend>
      <ol className="qset__list">
        {names.map((name, index) => (
          <li key={index} className="qset__row">
            <input value={name} maxLength={120} aria-label={`${legend} ${index + 1}`} onChange={(event) => onRename(index, event.target.value)} />
            {counts && <span className="hint qset__count">{t('qset.questionsN', { n: counts[index] ?? 0 })}</span>}
            <button type="button" className="icon-button icon-button--danger" aria-label={`${t('common.delete')}: ${name || `${legend} ${index + 1}`}`} title={t('common.delete')} onClick={() => onRemove(index)}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button button--small" disabled={names.length >= max} onClick={onAdd}>
        {addLabel}
      </button>
    </fieldset>
  );
}

function SettingsForm({ settings, onClose }: { settings: QuestionSettings; onClose: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [issues, setIssues] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const moderationName = useId();
  const questions = useAppStore((s) => s.questions);
  const routedTo = (officeId: string | undefined) => {
    if (officeId === undefined) return 0;
    let n = 0;
    for (const q of questions.values()) if (q.officeId === officeId && q.mergedInto === null) n += 1;
    return n;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const opensAt = instantOf(t, draft.opens, t('qset.opens'));
    const closesAt = instantOf(t, draft.closes, t('qset.closes'));
    const problems = [opensAt, closesAt].filter((v): v is string => typeof v === 'string');
    if (problems.length > 0) return setIssues(problems);
    const patch = {
      opensAt: opensAt as number | null,
      closesAt: closesAt as number | null,
      moderation: draft.moderation,
      allowAnonymous: draft.allowAnonymous,
      categories: draft.categories.map((c) => c.trim()).filter(Boolean),
      offices: draft.offices.filter((o) => o.name.trim() !== '').map((o) => (o.id ? { id: o.id, name: o.name.trim() } : { name: o.name.trim() })),
    };
    const parsed = QuestionSettingsPatch.safeParse(patch);
    if (!parsed.success) return setIssues(describeIssues(parsed.error));
    const removed = settings.offices.filter((o) => !patch.offices.some((kept) => 'id' in kept && kept.id === o.id) && routedTo(o.id) > 0);
    if (removed.length > 0) {
      const names = removed.map((o) => `${o.name} (${t('qset.questionsN', { n: routedTo(o.id) })})`).join(', ');
      if (!(await askConfirm({ title: t('qset.removeOffices'), body: t('qset.removeOfficesConfirm', { names }), confirmLabel: t('common.delete'), danger: true }))) return;
    }
    setIssues([]);
    setBusy(true);
    const ok = await sendCommand('questions:settings', patch);
    setBusy(false);
    if (!ok) return;
    useAppStore.getState().pushToast('success', t('qset.saved'));
    onClose();
  };

  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));

  return (
    <form className="form qset" onSubmit={(event) => void submit(event)} noValidate>
      <MomentField legend={t('qset.opens')} value={draft.opens} onChange={(opens) => set({ opens })} hint={t('qset.opensHint')} />
      <MomentField legend={t('qset.closes')} value={draft.closes} onChange={(closes) => set({ closes })} hint={t('qset.closesHint')} />
      <fieldset className="field field--wide">
        <legend>{t('qset.moderation')}</legend>
        <label className="check">
          <input type="radio" name={moderationName} checked={draft.moderation === 'pre'} onChange={() => set({ moderation: 'pre' })} />
          <span>{t('qset.pre')}</span>
        </label>
        <label className="check">
          <input type="radio" name={moderationName} checked={draft.moderation === 'post'} onChange={() => set({ moderation: 'post' })} />
          <span>{t('qset.post')}</span>
        </label>
      </fieldset>
      <label className="check field--wide">
        <input type="checkbox" checked={draft.allowAnonymous} onChange={(event) => set({ allowAnonymous: event.target.checked })} />
        <span>{t('qset.allowAnonymous')}</span>
      </label>
      <NameList
        legend={t('qset.categories')}
        names={draft.categories}
        max={MAX_CATEGORIES}
        addLabel={t('qset.addCategory')}
        onRename={(index, name) => set({ categories: draft.categories.map((c, i) => (i === index ? name : c)) })}
        onRemove={(index) => set({ categories: draft.categories.filter((_, i) => i !== index) })}
        onAdd={() => set({ categories: [...draft.categories, ''] })}
      />
      <NameList
        legend={t('qset.offices')}
        names={draft.offices.map((o) => o.name)}
        counts={draft.offices.map((o) => routedTo(o.id))}
        max={MAX_OFFICES}
        addLabel={t('qset.addOffice')}
        onRename={(index, name) => set({ offices: draft.offices.map((o, i) => (i === index ? { ...o, name } : o)) })}
        onRemove={(index) => set({ offices: draft.offices.filter((_, i) => i !== index) })}
        onAdd={() => set({ offices: [...draft.offices, { key: `new-${nextKey++}`, name: '' }] })}
      />
      <FormFooter issues={issues} submitLabel={t('common.save')} busy={busy} onCancel={onClose} />
    </form>
  );
}

/** The settings as read-only lines: what a moderator link sees. */
export function SettingsSummary({ settings }: { settings: QuestionSettings }) {
  const t = useT();
  return (
    <dl className="qset-summary" data-testid="settings-summary">
      <dt>{t('qset.opens')}</dt>
      <dd>{formatMoment(settings.opensAt, t('qset.opensNone'))}</dd>
      <dt>{t('qset.closes')}</dt>
      <dd>{formatMoment(settings.closesAt, t('qset.closesNone'))}</dd>
      <dt>{t('qset.moderation')}</dt>
      <dd>{settings.moderation === 'pre' ? t('qset.pre') : t('qset.post')}</dd>
      <dt>{t('qset.allowAnonymous')}</dt>
      <dd>{settings.allowAnonymous ? t('qset.yes') : t('qset.no')}</dd>
      <dt>{t('qset.categories')}</dt>
      <dd>{settings.categories.map((c) => shownName(t, c)).join(' · ')}</dd>
      <dt>{t('qset.offices')}</dt>
      <dd>{settings.offices.length === 0 ? t('qset.noOffices') : settings.offices.map((o) => o.name).join(' · ')}</dd>
    </dl>
  );
}

/**
 * When the public page takes questions, how they are moderated, categories and offices. The
 * MC and the organiser change them (`questions:settings`); a moderator link only reads them.
 */
export function SettingsDialog({ open, editable, onClose }: { open: boolean; editable: boolean; onClose: () => void }) {
  const t = useT();
  const settings = useQuestionSettings();
  return (
    <Dialog open={open} title={t('qset.title')} onClose={onClose} wide>
      {open &&
        (editable ? (
          <SettingsForm settings={settings} onClose={onClose} />
        ) : (
          <>
            <SettingsSummary settings={settings} />
            <p className="hint">{t('qset.readOnly')}</p>
            <div className="dialog__actions">
              <button type="button" className="button" onClick={onClose}>
                {t('common.close')}
              </button>
            </div>
          </>
        ))}
    </Dialog>
  );
}
