/**
 * npm run bench (billing, #11): on a database of BENCH_BILLING_ACCOUNTS (10,000) accounts each with
 * a shop on the Business plan whose next period starts within the billing horizon,
 *  (a) the billing run: proforma invoices issued per second, against the plain statements writing
 *      the same rows for as many other subscriptions (the series' number, the document and its line,
 *      the period's claim, the subscription's event and the mail in the outbox, one transaction each);
 *  (b) BENCH_PAYMENTS (1,000) payments of those proformas from BENCH_CONCURRENCY (16) callers at
 *      once: invoices issued per second, against plain transactions locking the proforma, marking it
 *      paid, numbering the invoice and writing it with its line; afterwards the invoice numbers must
 *      have no gap and no repeat.
 * The app's side also looks up the account, chains an audit entry per document and builds the mail,
 * which the plain side does not. Target: each ≥ 0.3 × the plain statements. PGlite, and PostgreSQL
 * when DATABASE_URL or TEST_DATABASE_URL is set.
 */
import { sql } from 'kysely';
import { onEachDatabase, insertBenchAccounts, withBenchPlatform } from './bench-databases.js';
import { systemContext } from '../src/core/context.js';
import { newId } from '../src/core/ids.js';
import type { DatabaseTarget } from '../src/core/db/database.js';
import type { Platform } from '../src/platform.js';

const ACCOUNTS = Number(process.env.BENCH_BILLING_ACCOUNTS ?? 10_000);
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const minimum = 0.3;
let failed = false;

/** Accounts, shops and subscriptions `<prefix>1…n`, their next period starting in 7 days. */
async function seed(p: Platform, prefix: string, n: number, now: Date) {
  await insertBenchAccounts(p, `acc_${prefix}`, 1, n, now);
  await sql`insert into shop (id, account_id, slug, name, created_at, updated_at)
    select 'shp_' || ${prefix} || g, 'acc_' || ${prefix} || g, ${prefix} || '-shop-' || g, 'Shop ' || g, ${now}, ${now}
    from generate_series(1, ${n}::int) g`.execute(p.db);
  const end = new Date(now.getTime() + 7 * 86_400_000);
  await sql`insert into shop_subscription (shop_id, id, account_id, plan_id, period, status, current_period_start,
      current_period_end, created_at)
    select 'shp_' || ${prefix} || g, 'sub_' || ${prefix} || g, 'acc_' || ${prefix} || g, 'business', 'monthly', 'active',
      ${new Date(end.getTime() - 30 * 86_400_000)}, ${end}, ${now}
    from generate_series(1, ${n}::int) g`.execute(p.db);
  await sql`analyze`.execute(p.db);
}

/** Runs `work(i)` for i < n from `concurrency` callers at once. */
async function pool(n: number, concurrency: number, work: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

/** The plain statements of one period's proforma. */
async function plainProforma(
  p: Platform,
  sub: { shop_id: string; id: string; account_id: string },
  end: Date,
  now: Date,
) {
  await p.db.transaction().execute(async (tx) => {
    const n = (
      await sql<{ n: number }>`update billing_series set last_number = last_number + 1, last_issued_at = ${now}
        where id = 'PFPLAIN' returning last_number as n`.execute(tx)
    ).rows[0]!.n;
    const id = newId('doc');
    await sql`insert into billing_document (id, kind, series_id, number, atcud, status, account_id, issued_at, due_at, currency,
        customer_country, vat_regime, vat_rate, vat_space, net_cents, vat_cents, total_cents)
      values (${id}, 'proforma', 'PFPLAIN', ${n}, ${`SRPFPLAIN-${n}`}, 'open', ${sub.account_id}, ${now}, ${end}, 'EUR',
        'PT', 'domestic', 23, 'PT', 2900, 667, 3567)`.execute(tx);
    await sql`insert into billing_document_line (document_id, position, description, quantity, unit_cents, net_cents)
      values (${id}, 1, 'Business plan (monthly)', 1, 2900, 2900)`.execute(tx);
    await sql`insert into shop_subscription_proforma (shop_id, subscription_id, period_start, period_end, document_id)
      values (${sub.shop_id}, ${sub.id}, ${end}, ${end}, ${id})`.execute(tx);
    await sql`insert into shop_subscription_event (shop_id, subscription_id, seq, kind, at, data)
      values (${sub.shop_id}, ${sub.id}, 1, 'proforma_issued', ${now}, '{}')`.execute(tx);
    await sql`insert into mail_outbox (id, account_id, sender, purpose, to_address, subject, text_body, html_body, status, created_at)
      values (${newId('mail')}, ${sub.account_id}, 'platform', 'service', 'bench@bench.example', 'Proforma', 'Proforma', '<p>Proforma</p>', 'held', ${now})`.execute(
      tx,
    );
  });
}

/** The plain statements of one payment. */
async function plainPayment(p: Platform, proformaId: string, now: Date) {
  await p.db.transaction().execute(async (tx) => {
    const proforma = (
      await sql<{
        account_id: string;
      }>`select account_id from billing_document where id = ${proformaId} for update`.execute(tx)
    ).rows[0]!;
    await sql`update billing_document set status = 'paid', paid_at = ${now}, payment_method = 'card', payment_reference = 'ch'
      where id = ${proformaId}`.execute(tx);
    const n = (
      await sql<{ n: number }>`update billing_series set last_number = last_number + 1, last_issued_at = ${now}
        where id = 'FTPLAIN' returning last_number as n`.execute(tx)
    ).rows[0]!.n;
    const id = newId('doc');
    await sql`insert into billing_document (id, kind, series_id, number, atcud, status, account_id, issued_at, proforma_id, currency,
        customer_country, vat_regime, vat_rate, vat_space, net_cents, vat_cents, total_cents, paid_at, payment_method, payment_reference)
      values (${id}, 'invoice', 'FTPLAIN', ${n}, ${`SRFTPLAIN-${n}`}, 'issued', ${proforma.account_id}, ${now}, ${proformaId}, 'EUR',
        'PT', 'domestic', 23, 'PT', 2900, 667, 3567, ${now}, 'card', 'ch')`.execute(tx);
    await sql`insert into billing_document_line (document_id, position, description, quantity, unit_cents, net_cents)
      values (${id}, 1, 'Business plan (monthly)', 1, 2900, 2900)`.execute(tx);
  });
}

async function run(label: string, target: DatabaseTarget) {
  await withBenchPlatform(target, async (p) => {
    const now = new Date();
    await seed(p, 'app', ACCOUNTS, now);
    await sql`insert into billing_series (id, kind, year, code, validation_code) values
      ('PFPLAIN', 'proforma', 1, 'PP', 'SRPFPLAIN'), ('FTPLAIN', 'invoice', 1, 'FP', 'SRFTPLAIN')`.execute(p.db);
    const ctx = systemContext(now);

    let t0 = performance.now();
    const result = await p.subscriptions.runBilling(ctx);
    const appRun = performance.now() - t0;
    if (result.proformasIssued !== ACCOUNTS) throw new Error(`the run issued ${result.proformasIssued} of ${ACCOUNTS}`);
    // The plain side's subscriptions come after the run, so the run does not bill them.
    await seed(p, 'plain', ACCOUNTS, now);
    const plainSubs = (
      await sql<{
        shop_id: string;
        id: string;
        account_id: string;
        current_period_end: Date;
      }>`select shop_id, id, account_id,
        current_period_end from shop_subscription where id like 'sub_plain%'`.execute(p.db)
    ).rows;
    t0 = performance.now();
    for (const sub of plainSubs) await plainProforma(p, sub, new Date(sub.current_period_end), now);
    const plainRun = performance.now() - t0;

    const proformas = (
      await sql<{
        id: string;
      }>`select id from billing_document where kind = 'proforma' and series_id like 'PF2%' limit ${PAYMENTS}`.execute(
        p.db,
      )
    ).rows.map((r) => r.id);
    const plainProformas = (
      await sql<{ id: string }>`select id from billing_document where series_id = 'PFPLAIN' limit ${PAYMENTS}`.execute(
        p.db,
      )
    ).rows.map((r) => r.id);
    t0 = performance.now();
    await pool(proformas.length, CONCURRENCY, (i) =>
      p.billing.payProforma(systemContext(new Date()), proformas[i]!, { method: 'card', reference: `ch_${i}` }),
    );
    const appPay = performance.now() - t0;
    t0 = performance.now();
    await pool(plainProformas.length, CONCURRENCY, (i) => plainPayment(p, plainProformas[i]!, new Date()));
    const plainPay = performance.now() - t0;
    const numbers = (
      await sql<{
        number: number;
      }>`select number from billing_document where kind = 'invoice' and series_id like 'FT2%' order by number`.execute(
        p.db,
      )
    ).rows.map((r) => r.number);
    const gapFree = numbers.length === proformas.length && numbers.every((n, i) => n === i + 1);

    const perSecond = (n: number, ms: number) => (n / ms) * 1000;
    const rows: [string, number, number][] = [
      [
        `billing run (${ACCOUNTS.toLocaleString('en')} proformas)`,
        perSecond(ACCOUNTS, appRun),
        perSecond(plainSubs.length, plainRun),
      ],
      [
        `payments (${proformas.length.toLocaleString('en')}, ${CONCURRENCY} at once; numbers ${gapFree ? 'gap-free' : 'NOT gap-free'})`,
        perSecond(proformas.length, appPay),
        perSecond(plainProformas.length, plainPay),
      ],
    ];
    console.log(`\n### Billing on ${label}\n`);
    console.log('| what | app, per second | plain statements, per second | ratio |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const [what, app, plain] of rows)
      console.log(`| ${what} | ${app.toFixed(0)} | ${plain.toFixed(0)} | ${(app / plain).toFixed(2)} |`);
    console.log('');
    for (const [what, app, plain] of rows) {
      const met = app / plain >= minimum;
      if (!met) failed = true;
      console.log(
        `target (${label}): ${what.split(' (')[0]} ≥ ${minimum} × plain statements → ${(app / plain).toFixed(2)} ${met ? 'met' : 'NOT met'}`,
      );
    }
    if (!gapFree) failed = true;
  });
}

await onEachDatabase('sellrocket_billing_bench', run);
if (failed) process.exitCode = 1;
