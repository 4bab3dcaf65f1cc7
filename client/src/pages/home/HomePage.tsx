import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useT } from '../../i18n';
import { followLink } from '../../lib/router';

/** What diemcau is and how each person gets in (links come from the organisers). */
export function HomePage() {
  const t = useT();
  return (
    <div className="page">
      <header className="page__bar">
        <span className="brand">diemcau</span>
        <LanguageSwitch />
      </header>
      <main className="page__main page__main--narrow">
        <p className="eyebrow">{t('app.tagline')}</p>
        <h1 className="page__title">{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <section className="card" aria-labelledby="how-title">
          <h2 id="how-title">{t('home.howTitle')}</h2>
          <ol className="steps">
            <li>{t('home.howMc')}</li>
            <li>{t('home.howScreen')}</li>
            <li>{t('home.howAdmin')}</li>
          </ol>
          <a href="/pin" className="button button--primary button--large" onClick={followLink}>
            {t('home.pinCta')} →
          </a>
        </section>
        <p className="hint">{t('home.note')}</p>
      </main>
    </div>
  );
}
