import { AccessInfo } from '../../components/AccessInfo';
import { useT } from '../../i18n';
import { useAccess } from '../../stores/selectors';

/** Projector link, meeting code and PIN, for sending to the sites. */
export function LinksPanel() {
  const t = useT();
  const access = useAccess();
  if (!access) return null;
  return (
    <section className="panel" aria-labelledby="links-title">
      <h2 id="links-title">{t('links.title')}</h2>
      <AccessInfo access={access} showMcLink={false} />
    </section>
  );
}
