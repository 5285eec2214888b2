import { useI18n } from '../../i18n';
import { staffMfa } from '../account/mfa-api';
import { TwoFactor } from '../account/TwoFactor';
import { Alert } from '../../ui/ui';

/** Staff two-factor: a page of the console, and the only page while a role that demands it is not enrolled. */
export function StaffTwoFactor({
  mustEnrol = false,
  onChange,
}: {
  mustEnrol?: boolean;
  onChange?: (enabled: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      {mustEnrol && <Alert kind="error">{t('staff.mustEnrol')}</Alert>}
      <h1>{t('staff.twoFactor')}</h1>
      <TwoFactor mfa={staffMfa} {...(onChange ? { onChange } : {})} />
    </>
  );
}
