import {
  contributionsItemOf,
  createMeetingFromPlan,
  type MeetingAccess,
  MeetingFormat,
  type PlanImport,
  type PlanMeetingField,
  type PlanPreview,
  type PlanSource,
  type PlanTask,
  relativeDeadlineOf,
  taskDeadline,
} from '@diemcau/shared';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useT } from '../../i18n';
import { api, problemsOf } from '../../lib/api';

type Props = { open: boolean; token: string; onClose: () => void; onCreated: (access: MeetingAccess) => void };

type DetailKey = 'title' | 'documentRef' | 'organiser' | 'date' | 'startTime' | 'format' | 'venue' | 'chair';
type Details = Record<Exclude<DetailKey, 'format'>, string> & { format: MeetingFormat | '' };
type Item = { title: string; presenter: string; startTime: string; duration: string; subItems: string[]; kind: PlanImport['agenda'][number]['kind']; source: PlanSource };
type Draft = {
  details: Details;
  agenda: Item[];
  contributions: PlanImport['contributions'];
  contributionsItem: number | null;
  tasks: PlanTask[];
  sites: string[];
  participants: string[];
  addSites: boolean;
  /** The plan's date is tentative or a window: deadlines derived from it are tentative too. */
  dateTentative: boolean;
};

/** Which line of the document each detail came from (date and time both from the start). */
const SOURCE_OF: Record<DetailKey, PlanMeetingField> = {
  title: 'title',
  documentRef: 'documentNumber',
  organiser: 'organiser',
  date: 'startsAt',
  startTime: 'startsAt',
  format: 'format',
  venue: 'venue',
  chair: 'chair',
};

/** The editable draft of a preview: every value as found, '' where the document says nothing. */
function draftOf(plan: PlanImport): Draft {
  const m = plan.meeting!;
  return {
    details: {
      title: m.title ?? '',
      documentRef: m.documentNumber ? `Số: ${m.documentNumber}` : '',
      organiser: m.organiser ?? '',
      date: m.date ?? '',
      startTime: m.startTime ?? '',
      format: m.format ?? '',
      venue: m.venue ?? '',
      chair: m.chair ?? '',
    },
    agenda: plan.agenda.map((a) => ({
      title: a.title,
      presenter: a.presenter ?? '',
      startTime: a.startTime ?? '',
      duration: a.durationMinutes === null ? '' : String(a.durationMinutes),
      subItems: a.subItems,
      kind: a.kind,
      source: a.source,
    })),
    contributions: plan.contributions,
    contributionsItem: contributionsItemOf(plan.agenda),
    tasks: plan.tasks,
    sites: m.sites,
    participants: m.participants,
    addSites: m.sites.length > 0,
    dateTentative: m.tentative || m.window !== null,
  };
}

/** The line a value came from, or the mark that the document does not give it. */
function Source({ source, found }: { source: PlanSource | undefined; found: boolean }) {
  const t = useT();
  if (!found || !source) {
    return (
      <span className="plan-source plan-source--missing" data-testid="plan-missing">
        {t('plan.notFound')}
      </span>
    );
  }
  return (
    <span className="plan-source" title={source.text}>
      {t('plan.source', { n: source.line, text: source.text })}
    </span>
  );
}

function Field({ label, children, source, found, wide = false }: { label: string; children: ReactNode; source: PlanSource | undefined; found: boolean; wide?: boolean }) {
  return (
    <label className={`field plan-field${wide ? ' field--wide' : ''}${found ? '' : ' plan-field--missing'}`}>
      <span>{label}</span>
      {children}
      <Source source={source} found={found} />
    </label>
  );
}

function Preview({ plan, draft, setDraft }: { plan: PlanImport; draft: Draft; setDraft: (draft: Draft) => void }) {
  const t = useT();
  const sources = plan.meeting!.sources;
  const detail = (key: DetailKey) => ({
    value: draft.details[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, details: { ...draft.details, [key]: event.target.value } }),
    'data-testid': `plan-${key}`,
  });
  // A field counts as found when the document gave it, even after the person changed it.
  const found = (key: DetailKey) => sources[SOURCE_OF[key]] !== undefined && (key !== 'date' || plan.meeting!.date !== null) && (key !== 'startTime' || plan.meeting!.startTime !== null);
  const field = (key: DetailKey, label: string, input: ReactNode, wide = false) => (
    <Field label={label} source={sources[SOURCE_OF[key]]} found={found(key)} wide={wide}>
      {input}
    </Field>
  );
  const item = (index: number, patch: Partial<Item>) => setDraft({ ...draft, agenda: draft.agenda.map((a, i) => (i === index ? { ...a, ...patch } : a)) });

  return (
    <>
      {plan.warnings.length > 0 && (
        <section className="plan-warnings" aria-label={t('plan.warnings')}>
          <h3>{t('plan.warnings')}</h3>
          <ul className="import-messages import-messages--warning" data-testid="plan-warnings">
            {plan.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="plan-meeting">
        <h3 id="plan-meeting">{t('plan.meeting')}</h3>
        <div className="form plan-form">
          {field('title', `${t('details.title')} *`, <textarea rows={2} maxLength={300} {...detail('title')} />, true)}
          {field('documentRef', t('details.documentRef'), <input maxLength={120} {...detail('documentRef')} />)}
          {field('organiser', t('details.organiser'), <input maxLength={200} {...detail('organiser')} />)}
          {field('date', `${t('details.date')} *`, <input type="date" {...detail('date')} />)}
          <label className="check">
            <input type="checkbox" checked={draft.dateTentative} onChange={(event) => setDraft({ ...draft, dateTentative: event.target.checked })} data-testid="plan-date-tentative" />
            {t('details.dateTentative')}
          </label>
          {field('startTime', `${t('details.startTime')} *`, <input type="time" {...detail('startTime')} />)}
          {field(
            'format',
            t('details.format'),
            <select {...detail('format')}>
              <option value="">{t('plan.chooseFormat')}</option>
              {MeetingFormat.options.map((format) => (
                <option key={format} value={format}>
                  {t(`format.${format}`)}
                </option>
              ))}
            </select>,
          )}
          {field('chair', t('details.chair'), <input maxLength={200} {...detail('chair')} />)}
          {field('venue', t('details.venue'), <input maxLength={300} {...detail('venue')} />, true)}
        </div>
        {plan.meeting!.endsAt && <p className="hint">{t('plan.endsAt', { time: plan.meeting!.endsAt.slice(11, 16) })}</p>}
        {draft.participants.length > 0 && (
          <details className="plan-list">
            <summary>{t('plan.participants', { n: draft.participants.length })}</summary>
            <ul>
              {draft.participants.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </details>
        )}
        {draft.sites.length > 0 ? (
          <label className="check">
            <input type="checkbox" checked={draft.addSites} onChange={(event) => setDraft({ ...draft, addSites: event.target.checked })} />
            {t('plan.sitesAdd', { n: draft.sites.length, names: draft.sites.join('; ') })}
          </label>
        ) : null}
      </section>

      <section aria-labelledby="plan-agenda">
        <h3 id="plan-agenda">{t('plan.agenda', { n: draft.agenda.length })}</h3>
        {draft.agenda.length === 0 ? (
          <p className="plan-source plan-source--missing">{t('plan.agendaNone')}</p>
        ) : (
          <div className="import-table-wrap">
            <table className="import-table plan-agenda" data-testid="plan-agenda">
              <thead>
                <tr>
                  <th>{t('plan.col.time')}</th>
                  <th>{t('plan.col.duration')}</th>
                  <th>{t('plan.col.title')}</th>
                  <th>{t('plan.col.presenter')}</th>
                  <th>{t('plan.col.source')}</th>
                  <th>
                    <span className="visually-hidden">{t('common.delete')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {draft.agenda.map((a, i) => (
                  <tr key={`${a.source.line}-${i}`} data-testid="plan-item">
                    <td>
                      <input type="time" aria-label={t('plan.col.time')} value={a.startTime} onChange={(event) => item(i, { startTime: event.target.value })} />
                    </td>
                    <td>
                      <input type="number" min={0} max={1440} className="plan-agenda__minutes" aria-label={t('plan.col.duration')} value={a.duration} onChange={(event) => item(i, { duration: event.target.value })} />
                    </td>
                    <td>
                      <textarea rows={2} maxLength={300} aria-label={t('plan.col.title')} value={a.title} onChange={(event) => item(i, { title: event.target.value })} />
                      {a.subItems.length > 0 && (
                        <ul className="plan-agenda__subs">
                          {a.subItems.map((s) => (
                            <li key={s}>{s}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <textarea rows={2} maxLength={200} className="plan-agenda__presenter" aria-label={t('plan.col.presenter')} value={a.presenter} onChange={(event) => item(i, { presenter: event.target.value })} />
                    </td>
                    <td className="mono plan-agenda__line" title={a.source.text}>
                      {a.source.line}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={t('plan.removeItem', { title: a.title })}
                        onClick={() => {
                          const at = draft.contributionsItem;
                          const contributionsItem = at === null || at === i ? null : at > i ? at - 1 : at;
                          setDraft({ ...draft, agenda: draft.agenda.filter((_, k) => k !== i), contributionsItem });
                        }}
                      >
                        ×
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {draft.contributions.length > 0 && (
        <section aria-labelledby="plan-contributions">
          <h3 id="plan-contributions">{t('plan.contributions', { n: draft.contributions.length })}</h3>
          <label className="field">
            <span>{t('plan.contributionsItem')}</span>
            <select
              data-testid="plan-contributions-item"
              value={draft.contributionsItem === null ? '' : String(draft.contributionsItem)}
              onChange={(event) => setDraft({ ...draft, contributionsItem: event.target.value === '' ? null : Number(event.target.value) })}
            >
              <option value="">{t('plan.contributionsSkip')}</option>
              {draft.agenda.map((a, i) => (
                <option key={`${a.source.line}-${i}`} value={i}>
                  {`${i + 1}. ${a.title}`}
                </option>
              ))}
            </select>
          </label>
          <details className="plan-list">
            <summary>{t('plan.contributionsShow')}</summary>
            <ol>
              {draft.contributions.map((c) => (
                <li key={`${c.source.line}-${c.topic.slice(0, 20)}`} title={t('plan.line', { n: c.source.line })}>
                  {c.topic}
                  <span className="hint"> — {c.unit ?? t('plan.unitNone')}</span>
                </li>
              ))}
            </ol>
          </details>
        </section>
      )}

      {draft.tasks.length > 0 && (
        <section aria-labelledby="plan-tasks">
          <h3 id="plan-tasks">{t('plan.tasks', { n: draft.tasks.length })}</h3>
          <ul className="plan-tasks" data-testid="plan-tasks">
            {draft.tasks.map((task, i) => (
              <li key={`${task.source.line}-${i}`}>
                <div className="plan-tasks__text">
                  <strong>{task.unit ?? t('plan.unitNone')}</strong>
                  <span>{task.task}</span>
                  <span className="plan-source" title={task.source.text}>
                    {t('plan.line', { n: task.source.line })}
                  </span>
                </div>
                <label className="plan-tasks__due">
                  <span>{t('plan.deadline')}</span>
                  <input
                    type="date"
                    value={task.deadline ?? ''}
                    onChange={(event) => setDraft({ ...draft, tasks: draft.tasks.map((x, k) => (k === i ? { ...x, deadline: event.target.value || null } : x)) })}
                  />
                  {task.deadlineText && !task.deadline && <span className="hint">{task.deadlineText}</span>}
                  <DerivedDeadline task={task} date={draft.details.date} tentative={draft.dateTentative} />
                </label>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** The date a deadline relative to the meeting falls on for the date chosen above; it moves as the date does. */
function DerivedDeadline({ task, date, tentative }: { task: PlanTask; date: string; tentative: boolean }) {
  const t = useT();
  if (task.deadline || !task.deadlineText) return null;
  const due = taskDeadline({ deadline: null, relative: relativeDeadlineOf(task.deadlineText) }, { date: date || null, dateTentative: tentative });
  if (!due.derived) return null;
  return (
    <span className={tentative ? 'hint hint--warning' : 'hint'} data-testid="plan-task-derived">
      {t(tentative ? 'tasks.derivedTentative' : 'tasks.derived', { d: vnDay(due.date!) })}
    </span>
  );
}

const vnDay = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

function PlanImportForm({ token, onClose, onCreated }: Omit<Props, 'open'>) {
  const t = useT();
  const [source, setSource] = useState<'file' | 'paste'>('file');
  const [text, setText] = useState('');
  const [plan, setPlan] = useState<PlanImport | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const problemsRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (problems.length > 0) problemsRef.current?.scrollIntoView({ block: 'nearest' });
  }, [problems]);
  const [busy, setBusy] = useState<'reading' | 'creating' | null>(null);

  const read = async (body: File | { text: string }, name = '') => {
    setBusy('reading');
    setProblems([]);
    setPlan(null);
    setDraft(null);
    const res = await api<PlanPreview>(`/plans/preview${name ? `?filename=${encodeURIComponent(name)}` : ''}`, { method: 'POST', token, body });
    setBusy(null);
    if (!res.ok) return setProblems(problemsOf(res));
    if (!res.data.ok) return setProblems([res.data.message]);
    setPlan(res.data.plan);
    setDraft(res.data.plan.meeting ? draftOf(res.data.plan) : null);
  };

  const create = async () => {
    if (!draft) return;
    const { details } = draft;
    if (!details.title.trim() || !details.date || !details.startTime) return setProblems([t('plan.missingRequired')]);
    const body = createMeetingFromPlan({
      details: { ...details, format: details.format || 'hybrid', participants: draft.participants, dateTentative: draft.dateTentative },
      agenda: draft.agenda
        .filter((a) => a.title.trim())
        .map((a) => ({ ...a, startTime: a.startTime || null, durationMinutes: a.duration === '' ? null : Math.max(0, Math.round(Number(a.duration))) })),
      contributions: draft.contributions,
      contributionsItem: draft.contributionsItem,
      tasks: draft.tasks,
    });
    setBusy('creating');
    setProblems([]);
    const res = await api<MeetingAccess>('/meetings', { method: 'POST', token, body });
    if (!res.ok) {
      setBusy(null);
      return setProblems(problemsOf(res));
    }
    if (draft.addSites && draft.sites.length > 0) {
      const sites = await api(`/meetings/${res.data.meetingId}/sites/import`, { method: 'POST', token, body: { sites: draft.sites.map((name) => ({ name: name.slice(0, 200) })) } });
      if (!sites.ok) setProblems([t('plan.sitesFailed'), ...problemsOf(sites)]);
    }
    setBusy(null);
    onCreated(res.data);
  };

  return (
    <div className="import plan-import">
      <div className="segmented" role="tablist" aria-label={t('import.source')}>
        <button type="button" role="tab" aria-selected={source === 'file'} onClick={() => setSource('file')}>
          {t('plan.fromFile')}
        </button>
        <button type="button" role="tab" aria-selected={source === 'paste'} onClick={() => setSource('paste')}>
          {t('plan.fromPaste')}
        </button>
      </div>
      {source === 'file' ? (
        <label className="field">
          <span>{t('plan.chooseFile')}</span>
          <input
            type="file"
            data-testid="plan-file"
            accept=".docx,.pdf,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
            disabled={busy !== null}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void read(file, file.name);
            }}
          />
        </label>
      ) : (
        <>
          <label className="field">
            <span>{t('plan.pasteLabel')}</span>
            <textarea rows={6} className="import__paste plan-import__paste" value={text} onChange={(event) => setText(event.target.value)} />
          </label>
          <button type="button" className="button" disabled={busy !== null || text.trim() === ''} onClick={() => void read({ text })}>
            {t('plan.read')}
          </button>
        </>
      )}
      {busy === 'reading' && (
        <p className="loading" role="status">
          {t('plan.reading')}
        </p>
      )}
      {plan && !plan.meeting && (
        <div className="banner banner--warning" role="alert" data-testid="plan-no-meeting">
          <strong>{t('plan.noMeeting')}</strong>
          {plan.warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      )}
      {plan && draft && <Preview plan={plan} draft={draft} setDraft={setDraft} />}
      {/* beside the buttons, scrolled into view: a refusal of "Tạo hội nghị" showed above a long preview, off-screen */}
      {problems.length > 0 && (
        <ul className="import-messages import-messages--error" role="alert" ref={problemsRef} data-testid="plan-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button--primary" disabled={busy !== null || !draft} onClick={() => void create()}>
          {busy === 'creating' ? t('plan.creating') : t('plan.create')}
        </button>
      </div>
    </div>
  );
}

/** Create a meeting from its plan (KẾ HOẠCH): upload or paste, check each field against its line, correct, create. */
export function PlanImportDialog({ open, ...props }: Props) {
  const t = useT();
  return (
    <Dialog open={open} title={t('plan.title')} onClose={props.onClose} wide>
      {open && <PlanImportForm {...props} />}
    </Dialog>
  );
}
