import { describeIssues, type MeetingDetails, MeetingDetails as MeetingDetailsSchema, MeetingFormat, vnDate } from '@diemcau/shared';
import { type FormEvent, useState } from 'react';
import { useT } from '../i18n';
import { FormFooter } from './FormFooter';

type Props = {
  initial?: MeetingDetails;
  submitLabel: string;
  /** Resolves true when saved (the dialog closes); the form stays open with what was typed otherwise. */
  onSubmit: (details: MeetingDetails) => Promise<boolean>;
  onCancel: () => void;
};

const blank = (): MeetingDetails => ({
  participants: [],
  title: '',
  documentRef: '',
  organiser: '',
  date: vnDate(Date.now()),
  startTime: '07:30',
  format: 'hybrid',
  venue: '',
  chair: '',
  dateTentative: false,
});

/** The meeting's details (KH header): used to create a meeting and to edit one from the console. */
export function DetailsForm({ initial, submitLabel, onSubmit, onCancel }: Props) {
  const t = useT();
  const [details, setDetails] = useState<MeetingDetails>(initial ?? blank);
  const [issues, setIssues] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const field = <K extends keyof MeetingDetails>(key: K) => ({
    value: details[key],
    onChange: (event: { target: { value: string } }) => setDetails({ ...details, [key]: event.target.value }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = MeetingDetailsSchema.safeParse(details);
    if (!parsed.success) return setIssues(describeIssues(parsed.error));
    setIssues([]);
    setBusy(true);
    await onSubmit(parsed.data);
    setBusy(false);
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field field--wide">
        <span>{t('details.title')} *</span>
        <textarea rows={2} required maxLength={300} {...field('title')} />
      </label>
      <label className="field">
        <span>{t('details.documentRef')}</span>
        <input maxLength={120} placeholder={t('details.documentRefPlaceholder')} {...field('documentRef')} />
      </label>
      <label className="field">
        <span>{t('details.organiser')}</span>
        <input maxLength={200} {...field('organiser')} />
      </label>
      <label className="field">
        <span>{t('details.date')} *</span>
        <input type="date" required {...field('date')} />
      </label>
      <label className="check">
        <input type="checkbox" checked={details.dateTentative} onChange={(event) => setDetails({ ...details, dateTentative: event.target.checked })} data-testid="details-date-tentative" />
        {t('details.dateTentative')}
      </label>
      <label className="field">
        <span>{t('details.startTime')} *</span>
        <input type="time" required {...field('startTime')} />
      </label>
      <label className="field">
        <span>{t('details.format')}</span>
        <select {...field('format')}>
          {MeetingFormat.options.map((format) => (
            <option key={format} value={format}>
              {t(`format.${format}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('details.chair')}</span>
        <input maxLength={200} {...field('chair')} />
      </label>
      <label className="field field--wide">
        <span>{t('details.venue')}</span>
        <input maxLength={300} {...field('venue')} />
      </label>
      <FormFooter issues={issues} submitLabel={submitLabel} busy={busy} onCancel={onCancel} />
    </form>
  );
}
