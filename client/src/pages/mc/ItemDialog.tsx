import { AgendaItemInput, AgendaItemKind, DEFAULT_DANGER_MS, DEFAULT_WARNING_MS, describeIssues } from '@diemcau/shared';
import { type FormEvent, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useT } from '../../i18n';
import { sendCommand } from '../../realtime/commands';
import { useAppStore } from '../../stores';
import type { ViewItem } from '../../stores/selectors';
import { FormFooter } from '../../components/FormFooter';

export type ItemDialogMode = { kind: 'add'; index: number } | { kind: 'edit'; item: ViewItem };

/** The form as typed: numbers stay strings until submitted so a half-typed value is kept. */
type Draft = {
  title: string;
  presenter: string;
  kind: AgendaItemKind;
  plannedStart: string;
  durationMin: string;
  warningMin: string;
  warningSec: string;
  dangerMin: string;
  dangerSec: string;
  subPoints: string;
  notes: string;
};

const splitMs = (ms: number) => ({ min: String(Math.floor(ms / 60_000)), sec: String(Math.round((ms % 60_000) / 1000)) });

function draftOf(item: ViewItem | null): Draft {
  const warning = splitMs(item?.warningMs ?? DEFAULT_WARNING_MS);
  const danger = splitMs(item?.dangerMs ?? DEFAULT_DANGER_MS);
  return {
    title: item?.title ?? '',
    presenter: item?.presenter ?? '',
    kind: item?.kind ?? 'other',
    plannedStart: item?.plannedStart ?? '',
    durationMin: item?.plannedDurationMs == null ? (item ? '' : '10') : String(item.plannedDurationMs / 60_000),
    warningMin: warning.min,
    warningSec: warning.sec,
    dangerMin: danger.min,
    dangerSec: danger.sec,
    subPoints: item?.subPoints.join('\n') ?? '',
    notes: item?.notes ?? '',
  };
}

/** A non-negative number typed in a field, or NaN; an empty field is 0. */
const number = (value: string) => (value.trim() === '' ? 0 : Number(value.replace(',', '.')));

function toInput(draft: Draft) {
  const duration = draft.durationMin.trim() === '' ? null : Math.round(number(draft.durationMin) * 60_000);
  const warningMs = Math.round((number(draft.warningMin) * 60 + number(draft.warningSec)) * 1000);
  const dangerMs = Math.round((number(draft.dangerMin) * 60 + number(draft.dangerSec)) * 1000);
  return {
    title: draft.title,
    presenter: draft.presenter,
    kind: draft.kind,
    plannedStart: draft.plannedStart === '' ? null : draft.plannedStart,
    plannedDurationMs: duration,
    warningMs,
    dangerMs,
    subPoints: draft.subPoints
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    notes: draft.notes,
  };
}

function ItemForm({ mode, onClose }: { mode: ItemDialogMode; onClose: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(mode.kind === 'edit' ? mode.item : null));
  const [issues, setIssues] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(draft);
    if ([input.plannedDurationMs ?? 0, input.warningMs, input.dangerMs].some((ms) => !Number.isFinite(ms) || ms < 0)) return setIssues([t('item.badNumber')]);
    const parsed = AgendaItemInput.safeParse(input);
    if (!parsed.success) return setIssues(describeIssues(parsed.error));
    setIssues([]);
    setBusy(true);
    const ok =
      mode.kind === 'edit'
        ? await sendCommand('agenda:update', { itemId: mode.item.id, item: parsed.data })
        : await sendCommand('agenda:add', { item: parsed.data, index: mode.index });
    setBusy(false);
    if (ok) {
      useAppStore.getState().pushToast('success', mode.kind === 'edit' ? t('item.saved') : t('item.added'));
      onClose();
    }
  };

  const threshold = (label: string, min: keyof Draft, sec: keyof Draft) => (
    <fieldset className="field threshold">
      <legend>{label}</legend>
      <label>
        <input type="number" min={0} inputMode="numeric" {...field(min)} /> <span>{t('item.min')}</span>
      </label>
      <label>
        <input type="number" min={0} max={59} inputMode="numeric" {...field(sec)} /> <span>{t('item.sec')}</span>
      </label>
    </fieldset>
  );

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field field--wide">
        <span>{t('item.title')} *</span>
        <textarea rows={2} maxLength={300} required autoFocus {...field('title')} />
      </label>
      <label className="field">
        <span>{t('item.presenter')}</span>
        <input maxLength={200} {...field('presenter')} />
      </label>
      <label className="field">
        <span>{t('item.kind')}</span>
        <select {...field('kind')}>
          {AgendaItemKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('item.plannedStart')}</span>
        <input type="time" {...field('plannedStart')} />
        <small className="hint">{t('item.plannedStartHint')}</small>
      </label>
      <label className="field">
        <span>{t('item.duration')}</span>
        <input type="number" min={0} step="any" inputMode="decimal" {...field('durationMin')} />
        <small className="hint">{t('item.durationHint')}</small>
      </label>
      {threshold(t('item.warning'), 'warningMin', 'warningSec')}
      {threshold(t('item.danger'), 'dangerMin', 'dangerSec')}
      <label className="field field--wide">
        <span>{t('item.subPoints')}</span>
        <textarea rows={3} {...field('subPoints')} />
      </label>
      <label className="field field--wide">
        <span>{t('item.notes')}</span>
        <textarea rows={2} maxLength={2000} {...field('notes')} />
      </label>
      <FormFooter issues={issues} submitLabel={t('common.save')} busy={busy} onCancel={onClose} />
    </form>
  );
}

/** Add or edit an agenda item with every field of the plan. */
export function ItemDialog({ mode, onClose }: { mode: ItemDialogMode | null; onClose: () => void }) {
  const t = useT();
  const title = mode?.kind === 'edit' ? t('item.editTitle') : `${t('item.addTitle')} (${t('item.position')} ${(mode?.index ?? 0) + 1})`;
  return (
    <Dialog open={mode !== null} title={title} onClose={onClose} wide>
      {mode && <ItemForm mode={mode} onClose={onClose} />}
    </Dialog>
  );
}
