import type { SiteRow } from '@diemcau/shared';
import { useState } from 'react';
import { useT } from '../../i18n';
import { sendAttendance } from '../../realtime/commands';
import { useControlsLocked } from '../../stores/selectors';

const QUICK_PICKS = ['site.problem.audio', 'site.problem.video', 'site.problem.network', 'site.problem.mic', 'site.problem.join'] as const;

/** "Ready" or "technical problem" with a short note; every device of the site sees the same state. */
export function ReadinessCard({ site }: { site: SiteRow }) {
  const t = useT();
  const locked = useControlsLocked();
  const [reporting, setReporting] = useState(false);
  const [note, setNote] = useState('');

  const report = async () => {
    if (await sendAttendance('site:readiness', { readiness: 'problem', note: note.trim() })) setReporting(false);
  };

  return (
    <section className={`panel site-card site-card--${site.readiness}`} aria-labelledby="readiness-title">
      <h2 id="readiness-title">{t('site.readinessTitle')}</h2>
      <p className={`site-readiness site-readiness--${site.readiness}`} data-testid="readiness">
        {site.readiness === 'problem' ? t('site.problemReported', { note: site.note }) : t(`site.readiness.${site.readiness}`)}
      </p>
      <div className="site-actions">
        <button
          type="button"
          className="button button--large site-actions__ready"
          disabled={locked || site.readiness === 'ready'}
          onClick={() => void sendAttendance('site:readiness', { readiness: 'ready' })}
        >
          ✓ {site.readiness === 'problem' ? t('site.fixed') : t('site.ready')}
        </button>
        <button type="button" className="button button--large button--warning" aria-expanded={reporting} disabled={locked} onClick={() => setReporting(!reporting)}>
          ⚠ {t('site.reportProblem')}
        </button>
      </div>
      {reporting && (
        <div className="site-problem">
          <div className="chips" role="group" aria-label={t('site.problemPicks')}>
            {QUICK_PICKS.map((key) => (
              <button key={key} type="button" className="chip chip--button chip--large" onClick={() => setNote(note.trim() ? `${note.trim()}, ${t(key).toLowerCase()}` : t(key))}>
                {t(key)}
              </button>
            ))}
          </div>
          <label className="field">
            <span>{t('site.problemNote')}</span>
            <textarea rows={2} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
          </label>
          <button type="button" className="button button--danger button--large" disabled={locked || note.trim() === ''} onClick={() => void report()}>
            {t('site.sendProblem')}
          </button>
        </div>
      )}
    </section>
  );
}
