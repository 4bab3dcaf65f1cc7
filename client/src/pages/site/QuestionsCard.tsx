import type { SiteRow } from '@diemcau/shared';
import { useEffect } from 'react';
import { MyQuestions } from '../../components/questions/MyQuestions';
import { QuestionForm } from '../../components/questions/QuestionForm';
import { VisibleQuestions } from '../../components/questions/VisibleQuestions';
import { useT } from '../../i18n';
import { startQuestionSender } from '../../realtime/publicQuestions';
import { useAppStore } from '../../stores';
import { useEnded } from '../../stores/selectors';

/**
 * A site sends questions in its own name (the checked-in representative, the site as unit),
 * follows them, and votes once per question for the site. Sites are not bound by the public
 * page's window: the MC's room decides when a site may speak or ask.
 */
export function QuestionsCard({ site }: { site: SiteRow }) {
  const t = useT();
  const meetingId = useAppStore((s) => s.meeting?.meetingId ?? null);
  const settings = useAppStore((s) => s.meeting?.view.questions ?? null);
  const ended = useEnded();
  useEffect(() => {
    if (meetingId === null) return;
    return startQuestionSender({ scope: `${meetingId}.site.${site.id}`, publicToken: null, senderKey: null });
  }, [meetingId, site.id]);
  if (!settings) return null;

  return (
    <section className="panel site-card site-questions" aria-labelledby="site-questions-title" data-testid="site-questions">
      <h2 id="site-questions-title">{t('ask.siteTitle')}</h2>
      <QuestionForm settings={settings} disabled={ended} defaultName={site.representative} defaultUnit={site.name} offerAnonymous={false} variant="site" />
      <MyQuestions title={t('ask.siteMine')} empty={t('ask.siteMineEmpty')} headingId="site-mine-title" />
      <VisibleQuestions headingId="site-visible-title" />
    </section>
  );
}
