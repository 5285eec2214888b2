import { Link, useLocation } from '@tanstack/react-router';
import { useI18n } from '../../i18n';
import { Card } from '../../ui/ui';

/** Any address the app does not know: the server answers every page address with the app, so this page says so. */
export function NotFound() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <div className="narrow">
      <h1>{t('common.notFound')}</h1>
      <Card>
        <p>{t('notFound.text', { path: pathname })}</p>
        <p>
          <Link to="/" className="btn btn-primary">
            {t('notFound.home')}
          </Link>
        </p>
      </Card>
    </div>
  );
}
