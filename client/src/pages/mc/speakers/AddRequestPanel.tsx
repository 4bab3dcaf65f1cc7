import { SpeakRequestForm } from '../../../components/speakers/SpeakRequestForm';
import { useT } from '../../../i18n';
import { SitePicker } from './SitePicker';

const MC_KINDS = ['comment', 'question', 'urgent', 'response'] as const;

/** The MC adds someone in the hall (or speaks for a site) to the queue. */
export function AddRequestPanel() {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="add-speaker-title">
      <h2 id="add-speaker-title">{t('speakers.addTitle')}</h2>
      <SpeakRequestForm
        kinds={MC_KINDS}
        submitLabel={t('speakers.add')}
        successText={t('speakers.added')}
        className="speak-form--grid"
        siteField={(siteId, setSiteId) => <SitePicker value={siteId} onChange={setSiteId} noneLabel={t('speakers.hall')} />}
      />
    </section>
  );
}
