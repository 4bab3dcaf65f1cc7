import { formatClock, type RollCall, rollCallOpen, type SiteRow, vnTime } from '@diemcau/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { HeadcountInput } from '../../components/HeadcountInput';
import { useT } from '../../i18n';
import { ring, silence } from '../../lib/alarm';
import { sendAttendance } from '../../realtime/commands';
import { useControlsLocked, useCurrentRollCall } from '../../stores/selectors';

/** How often an unanswered roll call rings again (sound, vibration, the tab's title). */
export const RING_EVERY_MS = 8_000;

/** Rings now and every RING_EVERY_MS while `active`; the tab's title blinks the call for a page in the background. */
function useRinging(active: boolean, title: string): void {
  useEffect(() => {
    if (!active) return;
    const before = document.title;
    let odd = false;
    const again = () => {
      ring();
      odd = !odd;
      document.title = odd ? `(!) ${title}` : before;
    };
    again();
    const timer = window.setInterval(again, RING_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      silence();
      document.title = before;
    };
  }, [active, title]);
}

function OpenRollCall({ site, rollCall, now }: { site: SiteRow; rollCall: RollCall; now: number }) {
  const t = useT();
  const locked = useControlsLocked();
  const titleId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [headcount, setHeadcount] = useState<number | null>(site.headcount ?? site.expectedHeadcount);
  const answer = site.answers[rollCall.id];
  const leftMs = Math.max(0, rollCall.endsAt - now);
  const label = rollCall.label || t('site.rollCall');
  useRinging(!answer, label);
  // the confirm button takes the focus: Enter answers, and a screen reader lands on the question
  useEffect(() => {
    if (!answer) confirmRef.current?.focus();
  }, [answer]);

  const head = (
    <div className="roll-call__head">
      <strong className="roll-call__label" id={titleId}>
        {label}
      </strong>
      <span className="roll-call__left">
        {t('site.rollCallLeft')} <span className="mono">{formatClock(leftMs)}</span>
      </span>
    </div>
  );

  if (answer) {
    return (
      <section className="roll-call roll-call--answered" role="region" aria-labelledby={titleId} data-testid="roll-call-prompt">
        {head}
        <p className="roll-call__done" data-testid="roll-call-answered">
          ✓ {t('site.rollCallAnswered', { time: vnTime(answer.answeredAt), n: answer.headcount ?? 0 })}
        </p>
      </section>
    );
  }
  // Unanswered: the whole window, over everything else on the page, until the site answers or the call closes.
  return (
    <div className="roll-call-overlay" data-testid="roll-call-overlay">
      <section className="roll-call roll-call--open" role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={`${titleId}-ask`} data-testid="roll-call-prompt">
        <svg className="roll-call__bell" viewBox="0 0 24 24" aria-hidden="true">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        {head}
        <p className="roll-call__ask" id={`${titleId}-ask`}>
          {t('site.rollCallAsk')}
        </p>
        <HeadcountInput label={t('site.headcount')} value={headcount} onChange={setHeadcount} large />
        <button
          ref={confirmRef}
          type="button"
          className="button button--primary button--huge"
          disabled={locked || headcount === null}
          onClick={() => headcount !== null && void sendAttendance('rollCall:answer', { rollCallId: rollCall.id, headcount })}
        >
          {t('site.rollCallConfirm', { n: headcount ?? 0 })}
        </button>
      </section>
    </div>
  );
}

/**
 * While the MC's roll call is open: a prompt over the whole page that rings (sound and vibration
 * where the browser allows) and rings again until the site answers, headcount prefilled, one tap
 * to confirm; then a line saying it was answered; gone once the call closes.
 */
export function RollCallPrompt({ site, now }: { site: SiteRow; now: number }) {
  const rollCall = useCurrentRollCall();
  if (!rollCall || !rollCallOpen(rollCall, now)) return null;
  return <OpenRollCall key={rollCall.id} site={site} rollCall={rollCall} now={now} />;
}
