import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../test/harness.js';
import { tablesOf } from '../../core/db/unit-of-work.js';
import type { CatalogueTables } from './catalogue.tables.js';
import { createCatalogueReads } from './catalogue.reads.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function shopWithProduct(slug: string) {
  const { cookie } = await signUp(t.app);
  const shop = (
    await t.app.inject({ method: 'POST', url: '/api/v1/shops', headers: { cookie }, payload: { slug, name: slug } })
  ).json();
  const product = (
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${shop.id}/products`,
      headers: { cookie },
      payload: { title: `Secret of ${slug}`, variants: [{ sku: `S-${slug}`, priceCents: 1, stock: 1 }] },
    })
  ).json();
  const scope = await t.platform.shops.shopScopeFor(
    (await t.platform.db.selectFrom('shop').select('account_id').where('id', '=', shop.id).executeTakeFirstOrThrow())
      .account_id,
    shop.id,
  );
  return { shop, product, scope };
}

describe('row-level security alone hides another shop (#9 §6)', () => {
  it('a read that forgot its shop_id filter still finds nothing of shop B from shop A', async () => {
    const a = await shopWithProduct(`rls-a-${process.pid}`);
    const b = await shopWithProduct(`rls-b-${process.pid}`);
    const db = tablesOf<CatalogueTables>(t.platform.db);
    const careless = createCatalogueReads(db, { productWithoutShopFilter: true });
    // The first wall is really gone: as the connecting role, the same query finds B's product from A.
    const leak = await db.selectFrom('product').select('id').where('id', '=', b.product.id).execute();
    expect(leak).toHaveLength(1);
    expect(await careless.product(a.scope, a.product.id)).toMatchObject({ id: a.product.id });
    expect(await careless.product(a.scope, b.product.id)).toBeUndefined();
    // And the policy is what stopped it: inside shop A, B's rows are invisible to any query.
    const seen = await t.platform.db.transaction().execute(async (tx) => {
      await sql`select set_config('app.shop_id', ${a.shop.id}, true), set_config('role', 'sellrocket_shop', true)`.execute(
        tx,
      );
      return sql<{ n: number }>`select count(*)::int as n from product where shop_id = ${b.shop.id}`.execute(tx);
    });
    expect(seen.rows[0]!.n).toBe(0);
  });
});
