import { type MeetingAccess, type MeetingSummary, vnDate } from '@diemcau/shared';
import { type FormEvent, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { failureText, useT } from '../../i18n';
import { api } from '../../lib/api';

const WEEK_MS = 7 * 86_400_000;

/**
 * "Use as template for the next one": a new meeting from this one (agenda, tham luận, tasks with
 * their deadlines moved by as many days, sites, settings) on the date the organiser picks.
 */
export function TemplateDialog({ meeting, token, onClose, onCreated }: { meeting: MeetingSummary | null; token: string; onClose: () => void; onCreated: (access: MeetingAccess) => void }) {
  const t = useT();
  const [form, setForm] = useState({ title: '', date: '', startTime: '' });
  const [issues, setIssues] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [shownFor, setShownFor] = useState<string | null>(null);
  if (meeting && shownFor !== meeting.id) {
    // A week after today by default, at the same time: the usual rhythm of a giao ban.
    setShownFor(meeting.id);
    setForm({ title: meeting.title, date: vnDate(Date.now() + WEEK_MS), startTime: meeting.startTime });
    setIssues([]);
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!meeting) return;
    setBusy(true);
    const res = await api<MeetingAccess>(`/meetings/${meeting.id}/duplicate`, { method: 'POST', token, body: form });
    setBusy(false);
    if (!res.ok) return setIssues(res.issues && res.issues.length > 0 ? res.issues : [failureText(res)]);
    onCreated(res.data);
  };

  const field = (name: keyof typeof form) => ({ value: form[name], onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }) });
  return (
    <Dialog open={meeting !== null} title={t('archive.templateTitle')} onClose={onClose} wide>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="hint field--wide">{t('archive.templateHint')}</p>
        <label className="field field--wide">
          <span>{t('details.title')}</span>
          <input maxLength={300} required {...field('title')} />
        </label>
        <label className="field">
          <span>{t('details.date')}</span>
          <input type="date" required {...field('date')} />
        </label>
        <label className="field">
          <span>{t('details.startTime')}</span>
          <input type="time" required {...field('startTime')} />
        </label>
        <FormFooter issues={issues} submitLabel={t('archive.templateCreate')} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
