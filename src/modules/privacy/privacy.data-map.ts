import { coreTables } from '../../core/privacy/core.privacy.js';
import { buildDataMap, type TableDeclarations } from '../../core/privacy/data-map.js';
import { accountsTables } from '../accounts/accounts.privacy.js';
import { authTables } from '../auth/auth.privacy.js';
import { consentTables } from '../consent/consent.privacy.js';
import { mfaTables } from '../mfa/mfa.privacy.js';
import { marketingTables } from '../marketing/marketing.privacy.js';
import { privacyTables } from './privacy.privacy.js';
import { securityTables } from '../security/security.privacy.js';
import { staffTables } from '../staff/staff.privacy.js';
import { termsTables } from '../terms/terms.privacy.js';

/**
 * The platform's data map: every module's declarations in one place. A new module adds its line
 * here. `extra` lets a test declare a fixture table of its own.
 */
export function platformDataMap(extra: TableDeclarations[] = []) {
  return buildDataMap([coreTables, accountsTables, authTables, consentTables, staffTables, securityTables, mfaTables, privacyTables, marketingTables, termsTables, ...extra]);
}
