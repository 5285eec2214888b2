import { sql, type Kysely, type Transaction } from 'kysely';

/** Which shop each open transaction has entered: one unit of work acts for one shop at most. */
const entered = new WeakMap<object, string>();

/**
 * Runs `fn` in the current unit of work (opening one if there is none) as the role `sellrocket_shop`,
 * naming its shop to the database: row-level security on shop tables (migration 0017) is then a second
 * wall behind the WHERE clauses of shop-scoped repositories.
 *
 * Both settings are local to the transaction, so they end with it: work outside `withShop` runs as the
 * connecting role, which the policies do not restrict. Work later in the same transaction stays in the
 * shop's role; that role may still do platform work (audit entries, jobs) on tables without policies.
 */
export async function withShop<DB, T>(db: Kysely<DB>, shopId: string, fn: (tx: Transaction<DB>) => Promise<T>) {
  return db.transaction().execute(async (tx) => {
    const current = entered.get(tx);
    if (current === undefined) {
      await sql`select set_config('app.shop_id', ${shopId}, true), set_config('role', 'sellrocket_shop', true)`.execute(
        tx,
      );
      entered.set(tx, shopId);
    } else if (current !== shopId) {
      throw new Error('One unit of work acts for one shop: this one has already entered another.');
    }
    return fn(tx);
  });
}
