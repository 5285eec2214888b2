/**
 * The application under test for the back-office product list benchmark, in a process of its own:
 * the platform on a fresh embedded database (or BENCH_DATABASE_TARGET), a merchant signed up with
 * one shop through the API, and that shop's catalogue of BENCH_PRODUCTS products (default 10,000)
 * written with a few plain `insert … select generate_series(…)` statements (as the connecting role:
 * row-level security does not apply to it): one to four variants each, one of 50 collections each,
 * one in five a draft, titles made of Portuguese words so that search finds some of them, and the
 * search vector by the catalogue service's own expression.
 *
 * The ceiling, on the same database connection: GET /bench/list/:shopId?page=&q=&status= selects
 * the same 20 products the merchant's list shows (same filter, order, limit and offset, with the
 * total by `count(*) over ()`) in one plain statement, with no session, no shop check and no
 * transaction. Tells its parent where it listens, the merchant's cookie and the shop.
 */
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { prefixQuery } from '../src/modules/catalogue/search-query.js';
import { benchMerchant } from './bench-merchant.js';
import { closeOnExit, openBenchPlatform } from './bench-platform.js';
import { materials, nouns, searchVector } from './storefront-seed.js';

export interface BackOfficeReady {
  url: string;
  cookie: string;
  shopId: string;
  products: number;
  active: number;
  seedSeconds: number;
}

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 10_000);
const COLLECTIONS = 50;
const adjectives = ['azul', 'clássica', 'rústica', 'pequena', 'grande', 'bordada', 'pintada à mão', 'do Minho'];

const { scratch, database, platform } = await openBenchPlatform('serve-back-office');
const db = platform.db;

// Requests being answered: GET /bench/idle answers once none is (but itself), so that a slow
// target's requests still queued for the database when its run ends never fall on the next run.
let inFlight = 0;
const idle: (() => void)[] = [];
const app = await buildApp(platform, {
  extraRoutes: (a) => {
    // Counted out once, when answered or when its client went away (autocannon closing at a run's end).
    const counted = new WeakSet<object>();
    const out = (req: object) => {
      if (!counted.has(req)) return;
      counted.delete(req);
      if (--inFlight <= 1) for (const resolve of idle.splice(0)) resolve();
    };
    a.addHook('onRequest', (req, _reply, done) => {
      counted.add(req);
      inFlight++;
      done();
    });
    a.addHook('onResponse', (req, _reply, done) => {
      out(req);
      done();
    });
    a.addHook('onRequestAbort', (req, done) => {
      out(req);
      done();
    });
    a.get('/bench/idle', async () => {
      // At most 20 s, in case a request is never counted out.
      const waited =
        inFlight > 1
          ? await Promise.race([
              new Promise<boolean>((resolve) => idle.push(() => resolve(true))),
              new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000)),
            ])
          : true;
      return { idle: waited };
    });
    a.get<{ Params: { shopId: string }; Querystring: { page?: string; q?: string; status?: string } }>(
      '/bench/list/:shopId',
      async (req) => {
        const page = Number(req.query.page ?? 1);
        const terms = req.query.q ? prefixQuery(req.query.q) : null;
        const tsquery = sql`to_tsquery('simple', unaccent(${terms}))`;
        const found = await sql<{ id: string; total: string }>`
          select id, handle, title, description, description_html, status, vat_rate, options, created_at, updated_at,
                 count(*) over () as total
          from product
          where shop_id = ${req.params.shopId}
            ${req.query.status ? sql`and status = ${req.query.status}` : sql``}
            ${terms ? sql`and search @@ ${tsquery}` : sql``}
          order by ${terms ? sql`ts_rank(search, ${tsquery})` : sql`created_at`} desc, id
          limit 20 offset ${(page - 1) * 20}`.execute(db);
        return { items: found.rows, total: Number(found.rows[0]?.total ?? 0) };
      },
    );
  },
});

closeOnExit(app, database, scratch);

const { cookie, shopId } = await benchMerchant(app, 'back-office');

const seedStart = performance.now();
const now = new Date();
const words = (list: readonly string[]) => sql`(array[${sql.join(list)}]::text[])`;
// Products: title "<noun> <material> <adjective>", created one second apart, every fifth a draft;
// options and variants in the storefront seed's three shapes (one variant; 3 sizes; 2 sizes × 2 colours).
await sql`
  insert into product (shop_id, id, handle, title, description, description_html, status, vat_rate, options, created_at, updated_at)
  select ${shopId}, 'prd_bo' || lpad(g::text, 6, '0'), 'produto-' || g, title,
    'Feita em Portugal: **' || lower(title) || '**, de pequenos produtores.' || E'\n\n- Lavar à mão\n- Peso: ' || (100 + g % 900) || E' g\n\nEnviamos em 48 horas para todo o país.',
    '<p>Feita em Portugal: <strong>' || lower(title) || E'</strong>, de pequenos produtores.</p>\n<ul>\n<li>Lavar à mão</li>\n<li>Peso: ' || (100 + g % 900) || E' g</li>\n</ul>\n<p>Enviamos em 48 horas para todo o país.</p>\n',
    case when g % 5 = 0 then 'draft' else 'active' end,
    (array[23, 23, 23, 13, 6])[1 + g % 5],
    (case g % 3 when 0 then '[]'
       when 1 then '[{"name":"Tamanho","values":["S","M","L"]}]'
       else '[{"name":"Tamanho","values":["S","M"]},{"name":"Cor","values":["Natural","Azul"]}]' end)::jsonb,
    ${now}::timestamptz - make_interval(secs => g), ${now}::timestamptz - make_interval(secs => g)
  from (
    select g, ${words(nouns)}[1 + g % ${nouns.length}] || ' ' || ${words(materials)}[1 + (g / ${nouns.length}) % ${materials.length}]
      || ' ' || ${words(adjectives)}[1 + (g / ${nouns.length * materials.length}) % ${adjectives.length}] as title
    from generate_series(1, ${PRODUCTS}::int) g
  ) t`.execute(db);
await sql`
  insert into product_variant (shop_id, id, product_id, sku, price_cents, stock, weight_grams, option_values, position)
  select ${shopId}, 'var_bo' || g || '_' || k, 'prd_bo' || lpad(g::text, 6, '0'), 'BO-' || g || '-' || k,
    500 + (g % 95) * 100, (g * 7 + k) % 450, null,
    case g % 3 when 0 then '[]'::jsonb
      when 1 then jsonb_build_array((array['S', 'M', 'L'])[k])
      else jsonb_build_array((array['S', 'S', 'M', 'M'])[k], (array['Natural', 'Azul', 'Natural', 'Azul'])[k]) end,
    k - 1
  from generate_series(1, ${PRODUCTS}::int) g
  cross join lateral generate_series(1, case g % 3 when 0 then 1 when 1 then 3 else 4 end) k`.execute(db);
await sql`
  insert into collection (shop_id, id, handle, title, description, created_at, updated_at)
  select ${shopId}, 'col_bo' || c, 'colecao-' || c, 'Coleção ' || c, 'Coleção ' || c || ', escolhidos à mão.', ${now}, ${now}
  from generate_series(1, ${COLLECTIONS}::int) c`.execute(db);
await sql`
  insert into collection_product (shop_id, collection_id, product_id, position)
  select ${shopId}, 'col_bo' || (1 + g % ${COLLECTIONS}), 'prd_bo' || lpad(g::text, 6, '0'), g / ${COLLECTIONS}
  from generate_series(1, ${PRODUCTS}::int) g`.execute(db);
await sql`update product p set search = ${searchVector} where p.shop_id = ${shopId}`.execute(db);
await sql`analyze`.execute(db);
const seedSeconds = (performance.now() - seedStart) / 1000;
const active = await sql<{
  n: string;
}>`select count(*) as n from product where shop_id = ${shopId} and status = 'active'`.execute(db);

const url = await app.listen({ port: 0, host: '127.0.0.1' });
const ready: BackOfficeReady = {
  url,
  cookie,
  shopId,
  products: PRODUCTS,
  active: Number(active.rows[0]!.n),
  seedSeconds,
};
if (process.send) process.send(ready);
else console.error(`serving on ${url} (shop ${shopId}, cookie ${cookie})`);
