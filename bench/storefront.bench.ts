/**
 * npm run bench (storefront part): shop pages under load against ceilings measured in the same run,
 * each server and the load generator in processes of their own, on PGlite and (when DATABASE_URL or
 * TEST_DATABASE_URL is set) on PostgreSQL.
 *
 * The app (bench/serve-storefront.ts) holds two catalogues of 10,000 products side by side: 100 shops
 * of 100 products and 500 shops of 20. Every storefront target is measured on both; requests carry
 * the shop's Host header and are spread over a fixed random sample of a few hundred addresses (many
 * shops and products), which every connection cycles from its own place.
 *
 * Uncached pages: a request with `x-bench-uncached: 1` makes the bench server drop its shop's
 * rendered pages first, so each such request is a page-cache miss through the app's own code, the
 * one the first visitor after a catalogue change pays. Uncached targets ask the odd-numbered shops,
 * cached ones the even-numbered, so the drops never empty a cached target's pages. Not a query
 * parameter changing every request: each would add a page to the cache and evict the others. A
 * visitor with a cart cookie (`sr_cart`, here naming no cart) also gets a page rendered for them, but
 * after a cart read: measured as a target of its own, "with a cart cookie".
 *
 * Checkout: see checkoutRunner; the oversell check runs once all the runs on a database are done.
 *
 * BENCH_STOREFRONT_SECONDS (or BENCH_SECONDS), BENCH_ROUNDS, BENCH_CONNECTIONS and BENCH_SAMPLE change
 * the load; BENCH_ONLY=<regular expression> measures the targets it matches, and BENCH_CPU_PROF=<dir>
 * writes a CPU profile of the app serving them (summarise it with bench/profile-summary.ts).
 */
import type autocannon from 'autocannon';
import { startLoadGenerator, startServer, type Load } from './processes.js';
import { onEachDatabase } from './bench-databases.js';
import { renderAlone } from './render-alone.js';
import { measureAll, verdict, type LoadTarget, type Measured } from './measure.js';
import { materials, nouns, random, type SeededShop } from './storefront-seed.js';
import type { StorefrontReady } from './serve-storefront.js';
import type { BenchCart, OversellReport } from './storefront-orders.js';

const seconds = Number(process.env.BENCH_STOREFRONT_SECONDS ?? process.env.BENCH_SECONDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const sampleSize = Number(process.env.BENCH_SAMPLE ?? 300);
const platformDomain = process.env.PLATFORM_DOMAIN ?? 'localhost';
const browserEncodings = 'gzip, deflate, br, zstd';

const pageKinds = [
  'product page, cached',
  'product page, uncached',
  'collection page, cached',
  'collection page, uncached',
  'product page, with a cart cookie',
  'search, uncached',
  'GET /products/:handle.js',
] as const;
type PageKind = (typeof pageKinds)[number];

const words = [...nouns, ...materials.map((m) => m.replace(/^de /, ''))].map((w) => w.toLowerCase());

/** A sample of addresses of one kind, over random shops and products of a catalogue. */
function sample(kind: PageKind, shops: SeededShop[], seed: number): autocannon.Request[] {
  const rng = random(seed);
  const uncached = kind.endsWith('uncached');
  // An uncached request drops its shop's pages: those targets use other shops than the cached ones.
  const mine = shops.filter((_, i) => i % 2 === (uncached ? 1 : 0));
  return Array.from({ length: sampleSize }, () => {
    const shop = rng.pick(mine);
    const product = rng.pick(shop.products);
    const path = kind.startsWith('product page')
      ? `/products/${product.handle}`
      : kind.startsWith('collection')
        ? `/collections/${rng.pick(shop.fullCollections)}`
        : kind.startsWith('search')
          ? // Whole words and prefixes (search matches prefixes): "caneca", "cort".
            `/search?q=${encodeURIComponent(rng.int(2) ? rng.pick(words) : rng.pick(words).slice(0, 4))}`
          : `/products/${product.handle}.js`;
    // What a browser sends (Chromium's Accept-Encoding): the page cache answers in the encoding asked.
    const headers: Record<string, string> = {
      host: `${shop.slug}.${platformDomain}`,
      'accept-encoding': browserEncodings,
    };
    if (uncached) headers['x-bench-uncached'] = '1';
    // A cart cookie naming no cart: the page is rendered for this visitor, with a cart read first.
    if (kind.endsWith('cart cookie')) headers.cookie = `sr_cart=bench${rng.int(1e9)}`;
    return { method: 'GET', path, headers };
  });
}

function randomIds(shops: SeededShop[], seed: number, path: (shop: SeededShop, productId: string) => string) {
  const rng = random(seed);
  return Array.from({ length: sampleSize }, (): autocannon.Request => {
    const shop = rng.pick(shops);
    return { method: 'GET', path: path(shop, rng.pick(shop.products).id) };
  });
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const checkoutBody = (n: number) =>
  JSON.stringify({
    email: `shopper.${n}@example.pt`,
    shippingAddress: {
      firstName: 'Ana',
      lastName: 'Silva',
      line1: 'Rua Augusta 1',
      postalCode: '1100-048',
      city: 'Lisboa',
      country: 'PT',
    },
    payment: {
      method: 'card',
      number: '4242 4242 4242 4242',
      expMonth: 12,
      expYear: new Date().getFullYear() + 3,
      cvc: '123',
    },
  });

type Checkout = Measured & { soldOut: number };

/**
 * Checkouts as shoppers make them: each request checks out a cart of its own (made just before by
 * the bench server), so a run makes as many requests as carts (`amount`), sized from the previous
 * run's rate. Orders/s counts the 201s; a 409 (the last units of a hot variant went to another
 * shopper) is an expected answer, counted apart; any other answer is an error.
 */
function checkoutRunner(load: Load, url: string, catalogue: string) {
  let rate = 100;
  let counter = 0;
  return async (secs: number): Promise<Checkout> => {
    const count = Math.max(connections * 2, Math.ceil(rate * secs));
    const carts = await postJson<BenchCart[]>(`${url}/bench/carts`, { catalogue, count });
    const requests = carts.map((c): autocannon.Request => ({
      method: 'POST',
      path: '/checkout.js',
      headers: { host: c.host, cookie: `sr_cart=${c.token}`, 'content-type': 'application/json' },
      body: checkoutBody(counter++),
    }));
    const r = await load({ url, connections, amount: requests.length, requests, spread: true });
    const codes = r.statusCodeStats as unknown as Record<string, { count: number } | undefined>;
    const placed = codes['201']?.count ?? 0;
    const soldOut = codes['409']?.count ?? 0;
    rate = (placed + soldOut) / r.duration;
    return {
      name: `checkout (POST /checkout.js) @ ${catalogue}`,
      rps: placed / r.duration,
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.timeouts + (r.non2xx - soldOut),
      soldOut,
    };
  };
}

/** Raw orders of one unit, of variants with ample stock (never the hot ones the carts race for). */
function rawOrders(shops: SeededShop[], seed: number) {
  const rng = random(seed);
  return Array.from({ length: 2 * sampleSize }, (): autocannon.Request => {
    const shop = rng.pick(shops);
    const product = shop.products[10 + rng.int(shop.products.length - 10)]!;
    return { method: 'POST', path: `/bench/raw-order/${shop.id}/${rng.pick(product.variants).id}` };
  });
}

const cell = (m: Measured | undefined) =>
  m ? [m.rps.toFixed(0), m.p50.toFixed(1), m.p99.toFixed(1), String(m.errors)] : ['–', '–', '–', '–'];
const row = (cells: string[]) => console.log(`| ${cells.join(' | ')} |`);

// Before any server runs: what rendering the theme costs on its own, the bound on every uncached page.
const rendered = await renderAlone(Math.max(1, seconds));
console.log(
  `\ntheme render alone (fixture pages, this process, nothing else running): product ${rendered.product.toFixed(0)}/s, ` +
    `collection ${rendered.collection.toFixed(0)}/s`,
);

const bare = await startServer<{ url: string }>('serve-bare.ts', process.env);
const generator = startLoadGenerator();
try {
  await onEachDatabase('sellrocket_sf_bench', async (label, databaseTarget) => {
    const env = { ...process.env, BENCH_DATABASE_TARGET: JSON.stringify(databaseTarget) };
    const t0 = performance.now();
    const app = await startServer<StorefrontReady>('serve-storefront.ts', env);
    const readySeconds = (performance.now() - t0) / 1000;
    try {
      const { url, catalogues, seedSeconds } = app.ready;
      const names = Object.keys(catalogues);
      const all = Object.values(catalogues).flat();
      const ceilings: LoadTarget[] = [
        { name: 'bare Fastify hello world', url: bare.ready.url },
        { name: '1 PK SELECT (product)', url, requests: randomIds(all, 11, (s, id) => `/bench/pk/${s.id}/${id}`) },
        { name: 'list of 20 + count (product)', url, requests: randomIds(all, 12, (s) => `/bench/list/${s.id}`) },
      ];
      // Each kind on both catalogues one after the other: a burst of someone else's load then falls on
      // both, or on neither, rather than on the comparison.
      const pages: LoadTarget[] = pageKinds.flatMap((kind, k) =>
        names.map((catalogue, c) => ({
          name: `${kind} @ ${catalogue}`,
          url,
          requests: sample(kind, catalogues[catalogue]!, 100 * c + k + 1),
          warmEach: kind.endsWith(', cached'),
        })),
      );
      const checkouts = app.ready.checkout
        ? [
            {
              name: 'raw order transaction (SQL)',
              url,
              requests: rawOrders(all, 13),
            },
            ...names.map((n) => ({
              name: `checkout (POST /checkout.js) @ ${n}`,
              url,
              run: checkoutRunner(generator.run, url, n),
            })),
          ]
        : [];
      // BENCH_ONLY=<regular expression>: those targets alone (with BENCH_CPU_PROF, to profile one).
      const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
      const chosen = [...ceilings, ...pages, ...checkouts].filter((t) => !only || only.test(t.name));
      const started = performance.now();
      const best = await measureAll(chosen, {
        connections,
        seconds,
        rounds,
        load: generator.run,
        // A profile of the measured rounds only: the warm-up's page renders would blur a cached target's.
        ...(process.env.BENCH_CPU_PROF
          ? { afterWarmUp: () => postJson(`${url}/bench/profile/restart`, {}).then(() => undefined) }
          : {}),
      });
      const measuredSeconds = (performance.now() - started) / 1000;

      console.log(
        `\n### Storefront on ${label}: best of ${rounds} rounds of ${seconds} s per target, ${connections} connections, ` +
          `${sampleSize} addresses per target (app ready in ${readySeconds.toFixed(0)} s, seeding ${seedSeconds.toFixed(0)} s of it; measured in ${measuredSeconds.toFixed(0)} s)\n`,
      );
      row(['ceiling', 'req/s', 'p50 ms', 'p99 ms', 'errors']);
      row(['---', '---:', '---:', '---:', '---:']);
      for (const t of ceilings) row([t.name, ...cell(best.get(t.name))]);
      console.log('');
      row([
        'target',
        ...names.flatMap((n) => [`req/s ${n}`, 'p50 ms', 'p99 ms', 'errors']),
        `${names[0]} ÷ ${names[1]}`,
      ]);
      row(['---', ...names.flatMap(() => ['---:', '---:', '---:', '---:']), '---:']);
      for (const kind of pageKinds) {
        const [a, b] = names.map((n) => best.get(`${kind} @ ${n}`));
        row([kind, ...cell(a), ...cell(b), a && b ? (a.rps / b.rps).toFixed(2) : '–']);
      }
      const raw = best.get('raw order transaction (SQL)');
      let oversell: OversellReport | null = null;
      if (checkouts.length > 0) {
        console.log('');
        row(['checkout', 'orders/s', 'p50 ms', 'p99 ms', 'errors', 'sold out (409)']);
        row(['---', '---:', '---:', '---:', '---:', '---:']);
        row(['raw order transaction (SQL), the ceiling', ...cell(raw), '']);
        for (const n of names) {
          const m = best.get(`checkout (POST /checkout.js) @ ${n}`) as Checkout | undefined;
          row([`checkout, card by the simulator @ ${n}`, ...cell(m), m ? String(m.soldOut) : '–']);
        }
        oversell = (await (await fetch(`${url}/bench/oversell`)).json()) as OversellReport;
        console.log(
          `\nstock after the runs: ${oversell.variants} variants, ${oversell.orders} orders, ${oversell.unitsSold} units sold; ` +
            (oversell.mismatches.length === 0
              ? 'for every variant, stock before − stock now = units in orders: zero oversell'
              : `MISMATCH on ${oversell.mismatches.length} variants, e.g. ${JSON.stringify(oversell.mismatches.slice(0, 3))}`),
        );
        if (oversell.mismatches.length > 0) process.exitCode = 1;
      } else console.log('\ncheckout: not measured (this build has no orders module: no shop_order table)');
      console.log('');
      const [bareRow, pk, list] = ceilings.map((t) => best.get(t.name));
      for (const n of names) {
        const at = (kind: PageKind) => best.get(`${kind} @ ${n}`);
        const targets: [string, Measured | undefined, Measured | undefined, string][] = [
          ['product page, cached', at('product page, cached'), bareRow, 'bare Fastify'],
          ['product page, uncached', at('product page, uncached'), pk, 'PK SELECT'],
          ['collection page, uncached', at('collection page, uncached'), list, 'list of 20'],
        ];
        if (checkouts.length > 0)
          targets.push(['checkout', best.get(`checkout (POST /checkout.js) @ ${n}`), raw, 'raw order transaction']);
        for (const [what, m, ceiling, of] of targets) {
          const v = verdict(m, ceiling, 0.5);
          const text = what === 'checkout' && oversell?.mismatches.length ? 'not valid: stock oversold' : v.text;
          // An uncached page renders the theme: rendering alone bounds its ratio, whatever else it does.
          const alone = what.startsWith('product page, uncached')
            ? rendered.product
            : what.startsWith('collection page, uncached')
              ? rendered.collection
              : null;
          const bound =
            alone !== null && ceiling ? ` (the theme's render alone: ${(alone / ceiling.rps).toFixed(2)} × ${of})` : '';
          console.log(`target (${n}): ${what} ≥ 0.5 × ${of} → ${v.ratio.toFixed(2)} ${text}${bound}`);
        }
      }
      const scaled = checkouts.length > 0 ? [...pageKinds, 'checkout (POST /checkout.js)'] : pageKinds;
      for (const kind of scaled) {
        const [a, b] = names.map((n) => best.get(`${kind} @ ${n}`));
        // "Within 1.2×": the 500-shop catalogue serves at least 1/1.2 of the 100-shop one's rate.
        const v = verdict(b, a, 1 / 1.2);
        console.log(`target: ${kind}, ${names[0]} ÷ ${names[1]} ≤ 1.2 → ${(1 / v.ratio).toFixed(2)} ${v.text}`);
      }
    } finally {
      await app.stop();
    }
  });
} finally {
  generator.stop();
  await bare.stop();
}
