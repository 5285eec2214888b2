import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n';
import { Router } from './router';
import { ToastProvider } from './ui/ui';
import './ui/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Router>
        <ToastProvider>
          <App />
        </ToastProvider>
      </Router>
    </I18nProvider>
  </StrictMode>,
);
