import { systemContext } from '../../core/context.js';
import { defineModule } from '../../core/module.js';
import { viesSimulator, type VatNumberCheck } from '../../core/tax/vies.js';
import { viesRestClient } from '../../core/tax/vies-rest.js';
import type { AccountsService, Members } from '../accounts/index.js';
import type { AuthGuards } from '../auth/index.js';
import type { ShopsService } from '../shops/index.js';
import { billingTables } from './billing.privacy.js';
import { registerBillingRoutes } from './billing.routes.js';
import { createBillingService, type BillingService } from './billing.service.js';
import type { BillingTables } from './billing.tables.js';
import { registerSubscriptionRoutes } from './subscriptions.routes.js';
import { registerDunningRoutes } from './dunning.routes.js';
import { createPlanLimits } from './plan-limits.js';
import { createPaymentMethods, type PaymentMethods } from './payment-methods.js';
import { registerPaymentMethodRoutes } from './payment-methods.routes.js';
import { createSubscriptions, type Subscriptions } from './subscriptions.service.js';
import { createNotifier } from './billing-notices.js';
import { createDunning, type Dunning, type DunningSchedule } from './dunning.js';

export type { BillingService } from './billing.service.js';
/** The recurring job that runs billing (`npx sellrocket billing run` does the same at once). */
export const BILLING_RUN_JOB = 'billing.run';
export type { Dunning, DunningSchedule } from './dunning.js';
export type { PlanLimits } from './plan-limits.js';
export { defaultDunningSchedule } from './dunning.js';

/** Proforma invoices, invoices and their numbered series (issue #11 §4). */
export const billingModule = (opts: { vies?: VatNumberCheck; schedule?: DunningSchedule } = {}) =>
  defineModule<BillingTables>()({
    name: 'billing',
    uses: ['accounts', 'members', 'shops'],
    routeUses: ['guards', 'shops'],
    dataMap: billingTables,
    create: (kit, needs: { accounts: AccountsService; members: Members; shops: ShopsService }) => {
      const billing = createBillingService({
        db: kit.db,
        audit: kit.audit,
        accounts: needs.accounts,
        mailer: kit.mailer,
        payments: kit.payments,
        vies:
          opts.vies ??
          (kit.config.billing.viesUrl ? viesRestClient({ baseUrl: kit.config.billing.viesUrl }) : viesSimulator()),
      });
      const notify = createNotifier({ contactOf: needs.accounts.contactOf, mailer: kit.mailer });
      const paymentMethods = createPaymentMethods({
        db: kit.db,
        audit: kit.audit,
        payments: kit.payments,
        cipher: kit.cipher,
        notify,
      });
      const dunning = createDunning({
        db: kit.db,
        audit: kit.audit,
        billing,
        shops: needs.shops,
        notify,
        paymentMethods,
        schedule: opts.schedule ?? kit.config.billing.dunning,
      });
      const subscriptions = createSubscriptions({
        db: kit.db,
        billing,
        shops: needs.shops,
        dunning,
        notify,
        daysBefore: kit.config.billing.proformaDaysBefore,
      });
      kit.payments.onPaymentReceived((event) => billing.multibancoPaid(event));
      // Renewal first: the period paid is current before the shop's suspension is looked at.
      billing.whenPaid(async (ctx, proformaId) => {
        await dunning.paid(ctx, proformaId, await subscriptions.periodPaid(ctx, proformaId));
      });
      const planLimits = createPlanLimits(kit.db);
      needs.members.limitUsersBy(planLimits.maxUsers);
      return { billing, subscriptions, dunning, paymentMethods, planLimits };
    },
    // The billing run on its own, hourly by default: proformas ahead, the dunning schedule, cancellations.
    schedules: (s, kit) => ({
      [BILLING_RUN_JOB]: {
        everyMs: kit.config.billing.runEveryMs,
        run: async () => {
          await s.subscriptions.runBilling(systemContext(kit.clock.now()));
        },
      },
    }),
    routes: (
      app,
      s: {
        billing: BillingService;
        subscriptions: Subscriptions;
        dunning: Dunning;
        paymentMethods: PaymentMethods;
        shops: ShopsService;
        guards: AuthGuards;
      },
      kit,
    ) => {
      registerBillingRoutes(app, { ...s, issuer: kit.config.controller });
      registerSubscriptionRoutes(app, s);
      registerDunningRoutes(app, s);
      registerPaymentMethodRoutes(app, s);
    },
  });
