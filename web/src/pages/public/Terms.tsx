import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { Card } from '../../ui/ui';

interface Terms { version: string; effectiveFrom: string; text: string }

/** The terms of service in force, from the server: the very text an acceptance is recorded against. */
export function TermsPage() {
  const { t, locale } = useI18n();
  const [terms, setTerms] = useState<Terms | null>(null);
  useEffect(() => { void api<Terms>('GET', '/api/v1/terms').then(setTerms); }, [locale]);
  return (
    <div className="narrow">
      <h1>{t('terms.title')}</h1>
      {terms ? (
        <Card>
          <p className="muted">{t('terms.version', { version: terms.version, date: terms.effectiveFrom })}</p>
          {terms.text.split('\n').map((line) => <p key={line}>{line}</p>)}
        </Card>
      ) : <p>{t('common.loading')}</p>}
    </div>
  );
}
