import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadLanguage } from './i18n';
import { useAppStore } from './stores';
import './styles.css';

const { lang } = useAppStore.getState();
document.documentElement.lang = lang;

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

// a device that chose English waits for its dictionary (a small file) rather than flashing Vietnamese
loadLanguage(lang).then(render, (error: unknown) => {
  console.warn(`language ${lang} did not load; showing Vietnamese`, error);
  render();
});
