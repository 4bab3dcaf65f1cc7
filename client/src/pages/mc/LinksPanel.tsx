import { AccessInfo } from '../../components/AccessInfo';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores';
import { useAccess } from '../../stores/selectors';

/** Projector link, meeting code and PIN, for sending to the sites; the projector and board links can be re-issued. */
export function LinksPanel({ token }: { token: string }) {
  const t = useT();
  const access = useAccess();
  if (!access) return null;
  return (
    <section className="panel" aria-labelledby="links-title">
      <h2 id="links-title">{t('links.title')}</h2>
      <AccessInfo access={access} showMcLink={false} reissue={{ token, onReissued: (renewed) => useAppStore.getState().setAccess(renewed) }} />
    </section>
  );
}
