import { useEffect, useState } from 'react';
import { api } from './api';
import { useI18n } from './i18n';

/** A published text (a consent notice, the terms) as the server shows it: version, language, effective date, text and hash. */
export interface ShownText { version: string; language: string; effectiveFrom: string; text: string; hash: string }

/**
 * Loads the server's own text in the page's language, again when the language changes: what a
 * person agrees to is recorded against this very text, never a copy in the app's catalogues.
 */
export function useShownText(url: string): ShownText | null {
  const { locale } = useI18n();
  const [text, setText] = useState<ShownText | null>(null);
  useEffect(() => { void api<ShownText>('GET', url).then(setText).catch(() => setText(null)); }, [url, locale]);
  return text;
}
