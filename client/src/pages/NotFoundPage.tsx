import { useT } from '../i18n';
import { followLink } from '../lib/router';

export function NotFoundPage() {
  const t = useT();
  return (
    <main className="page__main page__main--narrow">
      <h1 className="page__title">{t('notFound.title')}</h1>
      <p className="lead">{t('notFound.body')}</p>
      <a href="/" className="back-link" onClick={followLink}>
        {t('pin.back')}
      </a>
    </main>
  );
}
