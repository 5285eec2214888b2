import type { Kysely } from 'kysely';
import type { BillingTables } from './billing.tables.js';

/**
 * What a shop's plan allows (issue #11 §2): read by the modules that add what the plan counts. A shop
 * with no live plan is not limited here: it is new (no plan chosen yet) or its plan ended, and then
 * it is off the web until a plan is chosen and paid.
 */
export function createPlanLimits(db: Kysely<BillingTables>) {
  async function planOf(shopId: string) {
    return db
      .selectFrom('shop_subscription as s')
      .innerJoin('plan as p', 'p.id', 's.plan_id')
      .select(['p.id', 'p.max_products', 'p.max_staff_users', 'p.storage_mb'])
      .where('s.shop_id', '=', shopId)
      .where('s.status', '<>', 'cancelled')
      .executeTakeFirst();
  }

  return {
    planOf,
    /**
     * The most users an account may have besides its owner: the largest allowance among its shops'
     * live plans (a plan without a limit: none); null when no shop of it runs under a plan.
     */
    async maxUsers(accountId: string): Promise<number | null> {
      const rows = await db
        .selectFrom('shop_subscription as s')
        .innerJoin('plan as p', 'p.id', 's.plan_id')
        .select('p.max_staff_users')
        .where('s.account_id', '=', accountId)
        .where('s.status', '<>', 'cancelled')
        .execute();
      if (rows.length === 0 || rows.some((r) => r.max_staff_users === null)) return null;
      return Math.max(...rows.map((r) => r.max_staff_users!));
    },
    /** The most products the shop's plan allows; null when it sets no limit. */
    async maxProducts(shopId: string): Promise<number | null> {
      return (await planOf(shopId))?.max_products ?? null;
    },
  };
}
export type PlanLimits = ReturnType<typeof createPlanLimits>;
