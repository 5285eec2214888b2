import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api';
import { applyLocale, I18nProvider, initialLocale, loadMessages } from './i18n';
import { createAppRouter } from './router';
import { ToastProvider } from './ui/ui';
import './ui/styles.css';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // Staff views of someone's data are audited: a read happens when a page asks, not when a window regains focus.
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      // The server said no (4xx): asking again changes nothing.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});

const router = createAppRouter(queries);

// Synchronously, before React's first render is even scheduled: the cookie banner's script runs next and reads the page's language.
const locale = applyLocale(initialLocale());

// Not a top-level await: that would make the bundler split the first download into many chunks.
void loadMessages(locale).then((messages) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider initial={{ locale, messages }}>
        <QueryClientProvider client={queries}>
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </QueryClientProvider>
      </I18nProvider>
    </StrictMode>,
  ),
);
