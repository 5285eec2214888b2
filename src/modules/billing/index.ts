import { defineModule } from '../../core/module.js';
import { viesSimulator, type VatNumberCheck } from '../../core/tax/vies.js';
import type { AccountsService } from '../accounts/index.js';
import type { AuthGuards } from '../auth/index.js';
import type { ShopsService } from '../shops/index.js';
import { billingTables } from './billing.privacy.js';
import { registerBillingRoutes } from './billing.routes.js';
import { createBillingService, type BillingService } from './billing.service.js';
import type { BillingTables } from './billing.tables.js';
import { registerSubscriptionRoutes } from './subscriptions.routes.js';
import { createSubscriptions, type Subscriptions } from './subscriptions.service.js';

export type { BillingService } from './billing.service.js';

/** Proforma invoices, invoices and their numbered series (issue #11 §4). */
export const billingModule = (opts: { vies?: VatNumberCheck } = {}) =>
  defineModule<BillingTables>()({
    name: 'billing',
    uses: ['accounts', 'shops'],
    routeUses: ['guards', 'shops'],
    dataMap: billingTables,
    create: (kit, needs: { accounts: AccountsService; shops: ShopsService }) => {
      const billing = createBillingService({
        db: kit.db,
        audit: kit.audit,
        accounts: needs.accounts,
        mailer: kit.mailer,
        payments: kit.payments,
        vies: opts.vies ?? viesSimulator(),
      });
      const subscriptions = createSubscriptions({ db: kit.db, billing, shops: needs.shops });
      billing.whenPaid((ctx, proformaId) => subscriptions.periodPaid(ctx, proformaId));
      return { billing, subscriptions };
    },
    routes: (
      app,
      s: { billing: BillingService; subscriptions: Subscriptions; shops: ShopsService; guards: AuthGuards },
      kit,
    ) => {
      registerBillingRoutes(app, { ...s, issuer: kit.config.controller });
      registerSubscriptionRoutes(app, s);
    },
  });
