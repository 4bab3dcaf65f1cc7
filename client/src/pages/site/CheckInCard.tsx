import { type SiteRow, vnTime } from '@diemcau/shared';
import { type FormEvent, useState } from 'react';
import { HeadcountInput } from '../../components/HeadcountInput';
import { useT } from '../../i18n';
import { sendAttendance } from '../../realtime/commands';
import { useControlsLocked, useEnded } from '../../stores/selectors';

function CheckInForm({ site }: { site: SiteRow }) {
  const t = useT();
  const locked = useControlsLocked();
  const [representative, setRepresentative] = useState('');
  const [title, setTitle] = useState('');
  const [headcount, setHeadcount] = useState<number | null>(site.expectedHeadcount);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (representative.trim() === '') return setError(t('site.needRepresentative'));
    if (headcount === null) return setError(t('site.needHeadcount'));
    setError(null);
    await sendAttendance('site:checkIn', { representative: representative.trim(), representativeTitle: title.trim(), headcount });
  };

  return (
    <form className="site-form" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field">
        <span>{t('site.representative')} *</span>
        <input value={representative} maxLength={120} autoComplete="name" onChange={(event) => setRepresentative(event.target.value)} />
      </label>
      <label className="field">
        <span>{t('site.representativeTitle')}</span>
        <input value={title} maxLength={120} placeholder={t('site.representativeTitleHint')} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <HeadcountInput label={t('site.headcount')} value={headcount} onChange={setHeadcount} />
      {error && (
        <p className="site-form__error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary button--huge" disabled={locked}>
        {t('site.checkIn')}
      </button>
    </form>
  );
}

function CheckedIn({ site, ended }: { site: SiteRow; ended: boolean }) {
  const t = useT();
  const locked = useControlsLocked();
  const [headcount, setHeadcount] = useState<number | null>(site.headcount);
  const changed = headcount !== null && headcount !== site.headcount;
  return (
    <div className="site-checked">
      <p className="site-checked__done" data-testid="checked-in">
        ✓ {t('site.checkedInAt', { time: vnTime(site.checkedInAt ?? 0) })}
      </p>
      <p className="site-checked__who">
        {site.representative}
        {site.representativeTitle && <span> · {site.representativeTitle}</span>}
      </p>
      {ended ? (
        <p className="site-checked__who">
          {t('site.headcountNow')}: <strong className="mono">{site.headcount ?? t('common.none')}</strong>
        </p>
      ) : (
        <>
          <HeadcountInput label={t('site.headcountNow')} value={headcount} onChange={setHeadcount} />
          <button type="button" className="button button--primary" disabled={locked || !changed} onClick={() => headcount !== null && void sendAttendance('site:headcount', { headcount })}>
            {t('site.updateHeadcount')}
          </button>
        </>
      )}
    </div>
  );
}

/** Check-in (representative, title, people present), then the checked-in state with an editable headcount. */
export function CheckInCard({ site }: { site: SiteRow }) {
  const t = useT();
  const checkedIn = site.checkedInAt !== null;
  // an ended meeting's attendance is a record: what was reported, without the form
  const ended = useEnded();
  return (
    <section className={`panel site-card ${checkedIn ? 'site-card--done' : ''}`} aria-labelledby="checkin-title">
      <h2 id="checkin-title">{t('site.checkInTitle')}</h2>
      {checkedIn ? <CheckedIn key={`${site.headcount}`} site={site} ended={ended} /> : ended ? <p className="hint">{t('site.endedReadOnly')}</p> : <CheckInForm site={site} />}
    </section>
  );
}
