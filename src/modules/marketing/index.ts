import { defineModule } from '../../core/module.js';
import type { AccountsService } from '../accounts/index.js';
import { marketingTables } from './marketing.privacy.js';
import { createMarketingService } from './marketing.service.js';
import type { MarketingTables } from './marketing.tables.js';

export type { MarketingService } from './marketing.service.js';

/** Marketing email: sent only with consent, never to the suppressed or to restricted accounts. */
export const marketingModule = defineModule<MarketingTables>()({
  name: 'marketing',
  uses: ['accounts'],
  dataMap: marketingTables,
  create: (kit, needs: { accounts: AccountsService }) => ({
    marketing: createMarketingService({
      db: kit.db,
      clock: kit.clock,
      mailer: kit.mailer,
      hashKey: kit.hashKey,
      accounts: needs.accounts,
    }),
  }),
});
