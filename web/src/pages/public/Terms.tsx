import { useI18n } from '../../i18n';
import { useShownText } from '../../useShownText';
import { Card } from '../../ui/ui';

/** The terms of service in force, from the server: the very text an acceptance is recorded against. */
export function TermsPage() {
  const { t, formatDay } = useI18n();
  const terms = useShownText('terms');
  return (
    <div className="narrow">
      <h1>{t('terms.title')}</h1>
      {terms ? (
        <Card>
          <p className="muted">
            {t('terms.version', { version: terms.version, date: formatDay(terms.effectiveFrom) })}
          </p>
          {terms.text.split('\n').map((line) => (
            <p key={line}>{line}</p>
          ))}
        </Card>
      ) : (
        <p>{t('common.loading')}</p>
      )}
    </div>
  );
}
