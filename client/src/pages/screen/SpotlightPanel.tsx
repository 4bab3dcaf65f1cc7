import { useLayoutEffect, useRef } from 'react';
import { UserText } from '../../components/questions/QuestionBits';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores';
import { shownName } from '../../i18n/generated';

/** The question pinned to the projector, or null. */
export const useSpotlight = () => useAppStore((s) => s.meeting?.view.spotlight ?? null);

/** Font sizes tried for the question, as fractions of the smaller of width and height (vmin). */
const MAX_VMIN = 6;
const MIN_VMIN = 1.9;

/**
 * Sets the largest font size (between `MIN_VMIN` and `MAX_VMIN`) at which the element's text
 * fits its box without scrolling: a short question reads from the back of the hall, a long
 * one scales down instead of being cut. Recomputed when the text or the window changes.
 */
function useFitText(text: string) {
  const ref = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      const vmin = Math.min(window.innerWidth, window.innerHeight) / 100;
      let low = MIN_VMIN;
      let high = MAX_VMIN;
      el.style.fontSize = `${high * vmin}px`;
      if (el.scrollHeight <= el.clientHeight + 1) return;
      for (let i = 0; i < 10; i += 1) {
        const mid = (low + high) / 2;
        el.style.fontSize = `${mid * vmin}px`;
        if (el.scrollHeight <= el.clientHeight + 1) low = mid;
        else high = mid;
      }
      el.style.fontSize = `${low * vmin}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [text]);
  return ref;
}

/** The pinned question, large, below the item and its clock; gone when unpinned. */
export function SpotlightPanel() {
  const t = useT();
  const spotlight = useSpotlight();
  const textRef = useFitText(spotlight?.text ?? '');
  // votes change far more often than the pinned copy in the meeting document: the visible row has the count now
  const liveVotes = useAppStore((s) => (spotlight ? s.publicQuestions.get(spotlight.questionId)?.votes : undefined));
  if (!spotlight) return null;
  return (
    <section className="screen__spotlight" aria-label={t('ask.screenEyebrow')} data-testid="screen-spotlight">
      <p className="screen__spotlight-head">
        <span className="screen__spotlight-eyebrow">{t('ask.screenEyebrow')}</span>
        {spotlight.category && <span className="chip">{shownName(t, spotlight.category)}</span>}
        <span className="screen__spotlight-votes" data-testid="screen-spotlight-votes">
          ▲ {t('ask.votes', { n: liveVotes ?? spotlight.votes })}
        </span>
      </p>
      <p className="screen__spotlight-text" ref={textRef} data-testid="screen-spotlight-text">
        <UserText text={spotlight.text} />
      </p>
      {spotlight.sender && (
        <p className="screen__spotlight-sender">
          — <bdi>{shownName(t, spotlight.sender)}</bdi>
        </p>
      )}
    </section>
  );
}
