import { loadLanguage, useT } from '../i18n';
import { type Lang, useAppStore } from '../stores';
import { useLang } from '../stores/selectors';

const LANGS: readonly { lang: Lang; short: string; key: 'lang.vi' | 'lang.en' }[] = [
  { lang: 'vi', short: 'VI', key: 'lang.vi' },
  { lang: 'en', short: 'EN', key: 'lang.en' },
];

/** VI | EN toggle; the choice is saved on this device. */
export function LanguageSwitch({ className = '' }: { className?: string }) {
  const lang = useLang();
  const t = useT();
  return (
    <div className={`lang-switch ${className}`} role="group" aria-label={t('lang.switch')}>
      {LANGS.map((option) => (
        <button
          key={option.lang}
          type="button"
          lang={option.lang}
          aria-pressed={lang === option.lang}
          aria-label={t(option.key)}
          title={t(option.key)}
          onClick={() =>
            void loadLanguage(option.lang).then(
              () => useAppStore.getState().setLang(option.lang),
              (error: unknown) => console.warn(`language ${option.lang} did not load; staying in the current one`, error),
            )
          }
        >
          {option.short}
        </button>
      ))}
    </div>
  );
}
