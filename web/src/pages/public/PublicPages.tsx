import { Link } from '@tanstack/react-router';
import { useI18n } from '../../i18n';
import { Card } from '../../ui/ui';

export function Home() {
  const { t } = useI18n();
  return (
    <>
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <Link to="/signup" className="btn btn-primary">
          {t('home.cta')}
        </Link>
      </section>
      <div className="grid-3">
        {(['f1', 'f2', 'f3'] as const).map((f) => (
          <Card key={f} title={t(`home.${f}.title`)}>
            <p>{t(`home.${f}.text`)}</p>
          </Card>
        ))}
      </div>
    </>
  );
}

export function Plans() {
  const { t, formatMoney } = useI18n();
  const plans = [
    ['starter', 9],
    ['business', 29],
    ['scale', 79],
  ] as const;
  return (
    <>
      <h1>{t('plans.title')}</h1>
      <div className="grid-3">
        {plans.map(([p, price]) => (
          <Card key={p} title={t(`plans.${p}`)}>
            <p className="price">
              {formatMoney(price, 'EUR')} <span className="muted">{t('plans.month')}</span>
            </p>
            <p>{t(`plans.${p}.text`)}</p>
            <Link to="/signup" className="btn btn-secondary">
              {t('nav.signUp')}
            </Link>
          </Card>
        ))}
      </div>
    </>
  );
}

export function Contact() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('contact.title')}</h1>
      <Card>
        <p>{t('contact.text')}</p>
      </Card>
    </>
  );
}
