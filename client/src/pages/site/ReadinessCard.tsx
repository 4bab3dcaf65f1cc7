import { type SiteRow, vnTime } from '@diemcau/shared';
import { useState } from 'react';
import { useT } from '../../i18n';
import { sendAttendance } from '../../realtime/commands';
import { useClockOffset, useControlsLocked, useEnded } from '../../stores/selectors';

const QUICK_PICKS = ['site.problem.audio', 'site.problem.video', 'site.problem.network', 'site.problem.mic', 'site.problem.join'] as const;

/**
 * "Ready" or "technical problem" with a short note; every device of the site sees the same state.
 * A report the server stored is acknowledged in words (when, and what happens next); an ended
 * meeting shows the last state without the buttons.
 */
export function ReadinessCard({ site }: { site: SiteRow }) {
  const t = useT();
  const locked = useControlsLocked();
  const ended = useEnded();
  const offset = useClockOffset();
  const [reporting, setReporting] = useState(false);
  const [note, setNote] = useState('');
  // when this device's report was stored (server time); other devices of the site see the report without the time
  const [receivedAt, setReceivedAt] = useState<number | null>(null);

  const report = async () => {
    if (await sendAttendance('site:readiness', { readiness: 'problem', note: note.trim() })) {
      setReporting(false);
      setNote('');
      setReceivedAt(Date.now() + offset);
    }
  };

  return (
    <section className={`panel site-card site-card--${site.readiness}`} aria-labelledby="readiness-title">
      <h2 id="readiness-title">{t('site.readinessTitle')}</h2>
      <p className={`site-readiness site-readiness--${site.readiness}`} data-testid="readiness">
        {site.readiness === 'problem' ? t('site.problemReported', { note: site.note }) : t(`site.readiness.${site.readiness}`)}
      </p>
      {site.readiness === 'problem' && (
        <p className="site-ack" role="status" data-testid="problem-ack">
          ✓ {receivedAt === null ? t('site.problemSeen') : t('site.problemReceived', { time: vnTime(receivedAt) })}
        </p>
      )}
      {site.readiness === 'problem' && site.problemAckedAt !== null && (
        <p className="site-ack" role="status" data-testid="problem-taken-up">
          ✓ {t('site.problemTakenUp', { time: vnTime(site.problemAckedAt) })}
        </p>
      )}
      {ended ? (
        <p className="hint">{t('site.endedReadOnly')}</p>
      ) : (
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
      )}
      {reporting && !ended && (
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
