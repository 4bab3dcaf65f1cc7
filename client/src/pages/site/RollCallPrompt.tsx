import { formatClock, type RollCall, rollCallOpen, type SiteRow, vnTime } from '@diemcau/shared';
import { useState } from 'react';
import { HeadcountInput } from '../../components/HeadcountInput';
import { useT } from '../../i18n';
import { sendAttendance } from '../../realtime/commands';
import { useControlsLocked, useCurrentRollCall } from '../../stores/selectors';

function OpenRollCall({ site, rollCall, now }: { site: SiteRow; rollCall: RollCall; now: number }) {
  const t = useT();
  const locked = useControlsLocked();
  const [headcount, setHeadcount] = useState<number | null>(site.headcount ?? site.expectedHeadcount);
  const answer = site.answers[rollCall.id];
  const leftMs = Math.max(0, rollCall.endsAt - now);

  return (
    <section className={`roll-call ${answer ? 'roll-call--answered' : ''}`} role="region" aria-label={t('site.rollCall')} data-testid="roll-call-prompt">
      <div className="roll-call__head">
        <strong className="roll-call__label">{rollCall.label || t('site.rollCall')}</strong>
        <span className="roll-call__left">
          {t('site.rollCallLeft')} <span className="mono">{formatClock(leftMs)}</span>
        </span>
      </div>
      {answer ? (
        <p className="roll-call__done" data-testid="roll-call-answered">
          ✓ {t('site.rollCallAnswered', { time: vnTime(answer.answeredAt), n: answer.headcount ?? 0 })}
        </p>
      ) : (
        <>
          <p className="roll-call__ask">{t('site.rollCallAsk')}</p>
          <HeadcountInput label={t('site.headcount')} value={headcount} onChange={setHeadcount} large />
          <button
            type="button"
            className="button button--primary button--huge"
            disabled={locked || headcount === null}
            onClick={() => headcount !== null && void sendAttendance('rollCall:answer', { rollCallId: rollCall.id, headcount })}
          >
            {t('site.rollCallConfirm', { n: headcount ?? 0 })}
          </button>
        </>
      )}
    </section>
  );
}

/** While the MC's roll call is open: a full-width prompt, headcount prefilled, one tap to confirm; gone once closed. */
export function RollCallPrompt({ site, now }: { site: SiteRow; now: number }) {
  const rollCall = useCurrentRollCall();
  if (!rollCall || !rollCallOpen(rollCall, now)) return null;
  return <OpenRollCall key={rollCall.id} site={site} rollCall={rollCall} now={now} />;
}
