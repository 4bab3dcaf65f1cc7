import { SpeakRequestForm } from '../../../components/speakers/SpeakRequestForm';
import { useT } from '../../../i18n';
import { useSortedSites } from '../../../stores/selectors';

const MC_KINDS = ['comment', 'question', 'urgent', 'response'] as const;

/** The MC adds someone in the hall (or speaks for a site) to the queue. */
export function AddRequestPanel() {
  const t = useT();
  const sites = useSortedSites();
  return (
    <section className="panel" aria-labelledby="add-speaker-title">
      <h2 id="add-speaker-title">{t('speakers.addTitle')}</h2>
      <SpeakRequestForm
        kinds={MC_KINDS}
        submitLabel={t('speakers.add')}
        successText={t('speakers.added')}
        className="speak-form--grid"
        siteField={(siteId, setSiteId) => (
          <label className="field">
            <span>{t('speakers.site')}</span>
            <select value={siteId} onChange={(event) => setSiteId(event.target.value)}>
              <option value="">{t('speakers.hall')}</option>
              {sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
          </label>
        )}
      />
    </section>
  );
}
