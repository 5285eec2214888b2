import { useQuery } from '@tanstack/react-query';
import { call, client, type ShownText } from './api';
import { useI18n } from './i18n';

export type { ShownText };

/**
 * A published text (a consent notice, the terms) as the server shows it, in the language on screen:
 * the language is part of the query, so switching it fetches that language's text, and what a
 * person agrees to is recorded against this very text, never a copy in the app's catalogues.
 */
export function useShownText(which: 'terms' | 'marketing'): ShownText | null {
  const { locale } = useI18n();
  const headers = { 'accept-language': locale };
  const { data } = useQuery({
    queryKey: ['shown-text', which, locale],
    queryFn: () =>
      which === 'terms'
        ? call(client.GET('/api/v1/terms', { headers }))
        : call(client.GET('/api/v1/consent/notices/{purpose}', { params: { path: { purpose: which } }, headers })),
    staleTime: Infinity,
  });
  return data ?? null;
}
