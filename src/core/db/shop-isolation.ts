import { sql, type Kysely, type Transaction } from 'kysely';

/** Which shop each open transaction has entered: one unit of work acts for one shop at most. */
const entered = new WeakMap<object, string>();

/**
 * Runs `fn` in the current unit of work (opening one if there is none) after telling the database
 * which shop it acts for, so row-level security on shop tables is a second wall behind the WHERE
 * clauses of shop-scoped repositories.
 */
export async function withShop<DB, T>(db: Kysely<DB>, shopId: string, fn: (tx: Transaction<DB>) => Promise<T>) {
  return db.transaction().execute(async (tx) => {
    const current = entered.get(tx);
    if (current === undefined) {
      await sql`select set_config('app.shop_id', ${shopId}, true)`.execute(tx);
      entered.set(tx, shopId);
    } else if (current !== shopId) {
      throw new Error('One unit of work acts for one shop: this one has already entered another.');
    }
    return fn(tx);
  });
}
