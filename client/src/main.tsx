import { parseWithoutEval } from '@diemcau/shared';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useAppStore } from './stores';
import './styles.css';

// the Content-Security-Policy forbids eval: zod must not probe for it
parseWithoutEval();
document.documentElement.lang = useAppStore.getState().lang;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
