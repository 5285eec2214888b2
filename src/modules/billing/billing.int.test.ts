import { sql } from 'kysely';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorContext } from '../../core/context.js';
import { createTestApp, signUp, staffSession, testDbKind, type TestApp } from '../../../test/harness.js';
import { startTestSmtp } from '../../../test/smtp.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let billingStaff: string;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ env: { SMTP_URL: smtp.url } });
  billingStaff = (await staffSession(t, ['billing'])).cookie;
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const due = () => new Date(t.clock.now().getTime() + 14 * 86_400_000).toISOString();
const plan = { description: 'Plan Pro, December 2026', quantity: 1, unitCents: 1999 };

async function issue(accountId: string, lines = [plan]) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/staff/billing/proformas',
    headers: { cookie: billingStaff },
    payload: { accountId, dueAt: due(), lines },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const transferReceived = (id: string, reference = 'TRF 2026-12-08 001') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/staff/billing/proformas/${id}/transfer-received`,
    headers: { cookie: billingStaff },
    payload: { reference },
  });

describe('proforma invoices and invoices (#11 §4)', () => {
  it('issues a numbered proforma, mails it, and turns it into an invoice with its ATCUD once paid', async () => {
    const { account, body, cookie } = await signUp(t.app, { company: 'Flores Lda', nif: 'PT501964843' });
    const proforma = await issue(account.id);
    expect(proforma).toMatchObject({
      kind: 'proforma',
      status: 'open',
      customer: { name: 'Flores Lda', nif: 'PT501964843', postalCode: '4050-262', country: 'PT' },
      vat: { regime: 'domestic', rate: 23 },
      netCents: 1999,
      vatCents: 460,
      totalCents: 2459,
    });
    expect(proforma.name).toMatch(/^PF \d{4}\/\d+$/);
    expect(smtp.lastTo(body.email)).toContain(`Your proforma invoice ${proforma.name} is ready.`);

    t.clock.advance(3 * 86_400_000); // paid three days later
    const paid = await transferReceived(proforma.id);
    expect(paid.statusCode, paid.body).toBe(200);
    const invoice = paid.json();
    expect(invoice).toMatchObject({
      kind: 'invoice',
      status: 'issued',
      proformaId: proforma.id,
      customer: proforma.customer,
      totalCents: 2459,
      paymentMethod: 'transfer',
    });
    expect(invoice.name).toMatch(/^FT \d{4}\/\d+$/);
    expect(invoice.atcud).toBe(`SRFT${new Date(invoice.issuedAt).getUTCFullYear()}-${invoice.number}`);
    expect(smtp.lastTo(body.email)).toContain(`Your invoice is ${invoice.name} (ATCUD ${invoice.atcud})`);
    // Marked received twice (two clerks, a retry): still one invoice.
    expect((await transferReceived(proforma.id)).json().id).toBe(invoice.id);

    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/account/invoices', headers: { cookie } })).json();
    expect(mine.items.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([
      [invoice.id, 'issued'],
      [proforma.id, 'paid'],
    ]);
    const one = (
      await t.app.inject({ method: 'GET', url: `/api/v1/account/invoices/${invoice.id}`, headers: { cookie } })
    ).json();
    expect(one.lines).toEqual([{ description: plan.description, quantity: 1, unitCents: 1999, netCents: 1999 }]);
    const other = await signUp(t.app);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/account/invoices/${invoice.id}`,
      headers: { cookie: other.cookie },
    });
    expect(res.statusCode).toBe(404);

    // The PDF, read back with a PDF parser: its number, ATCUD, customer and totals are text in it.
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/account/invoices/${invoice.id}/pdf`,
      headers: { cookie },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
    for (const words of [
      `Fatura / Invoice ${invoice.name}`,
      `ATCUD: ${invoice.atcud}`,
      'Flores Lda',
      'NIF / VAT no.: PT501964843',
      '19,99 €',
      '4,60 €',
      '24,59 €',
    ])
      expect(text, words).toContain(words);
    const notMine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/account/invoices/${invoice.id}/pdf`,
      headers: { cookie: other.cookie },
    });
    expect(notMine.statusCode).toBe(404);
  });

  it('refuses any change to an issued document, its lines, or its deletion', async () => {
    const { account } = await signUp(t.app, { nif: 'PT501964843' });
    const invoice = (await transferReceived((await issue(account.id)).id)).json();
    const attempts = [
      sql`update billing_document set total_cents = 1, net_cents = 1, vat_cents = 0 where id = ${invoice.id}`,
      sql`update billing_document set customer_nif = 'PT999999990' where id = ${invoice.id}`,
      sql`update billing_document set account_id = 'acc_someone_else' where id = ${invoice.id}`,
      sql`update billing_document set status = 'cancelled' where id = ${invoice.id}`,
      sql`update billing_document set status = 'open' where id = ${invoice.proformaId}`,
      sql`update billing_document_line set unit_cents = 1 where document_id = ${invoice.id}`,
      sql`delete from billing_document_line where document_id = ${invoice.id}`,
      sql`delete from billing_document where id = ${invoice.id}`,
    ];
    for (const attempt of attempts)
      await expect(attempt.execute(t.platform.db)).rejects.toThrow(/cannot change|never deleted/);
    expect(
      (await sql`select total_cents from billing_document where id = ${invoice.id}`.execute(t.platform.db)).rows,
    ).toEqual([{ total_cents: 2459 }]);
  });

  it('applies the VAT of the billing address: Madeira and the Azores, a final consumer without a NIF, outside the EU', async () => {
    const madeira = await signUp(t.app, {
      address: { line1: 'Rua da Praia 1', postalCode: '9000-018', city: 'Funchal', country: 'PT' },
    });
    const azores = await signUp(t.app, {
      nif: 'PT501964843',
      address: { line1: 'Rua 2', postalCode: '9500-150', city: 'Ponta Delgada', country: 'PT' },
    });
    const abroad = await signUp(t.app, {
      phone: '+1 212 555 0100',
      address: { line1: '1 Main St', postalCode: '10001', city: 'New York', country: 'US' },
    });
    const m = await issue(madeira.account.id);
    expect(m).toMatchObject({ vat: { regime: 'domestic', rate: 22 }, vatCents: 440 });
    // No NIF given: made out to a final consumer, with no name or address on it.
    expect(m.customer).toEqual({ name: null, nif: null, address: null, postalCode: null, city: null, country: 'PT' });
    expect(await issue(azores.account.id)).toMatchObject({ vat: { regime: 'domestic', rate: 16 }, vatCents: 320 });
    const us = await issue(abroad.account.id);
    expect(us).toMatchObject({ vat: { regime: 'outside-scope', rate: 0 }, vatCents: 0, totalCents: 1999 });
    expect(us.vat.note).toMatch(/Não sujeito/);
  });

  it("reverse-charges an EU business VIES confirms, and charges its state's VAT when VIES is unavailable", async () => {
    const berlin = { line1: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', country: 'DE' };
    const confirmed = await signUp(t.app, {
      company: 'Berlin GmbH',
      nif: 'DE111111125',
      phone: '+49 30 1234567',
      address: berlin,
    });
    const unknown = await signUp(t.app, {
      company: 'Later GmbH',
      nif: 'DE100001999',
      phone: '+49 30 1234568',
      address: berlin,
    });
    const rc = await issue(confirmed.account.id);
    expect(rc).toMatchObject({ vat: { regime: 'reverse-charge', rate: 0, viesCheck: 'valid' }, vatCents: 0 });
    expect(rc.vat.note).toMatch(/Autoliquidação/);
    expect(await issue(unknown.account.id)).toMatchObject({
      vat: { regime: 'eu-consumer', rate: 19, viesCheck: 'unavailable' },
      vatCents: 380,
    });
  });

  it("keeps exactly the fiscal fields of an erased customer's invoices, detached from them", async () => {
    const { account } = await signUp(t.app, { company: 'Apagar Lda', nif: 'PT501964843' });
    const invoice = (await transferReceived((await issue(account.id)).id)).json();
    await t.platform.privacy.eraseSubject(operatorContext(t.clock.now()), { kind: 'customer', id: account.id });
    const kept = await sql<
      Record<string, unknown>
    >`select account_id, customer_name, customer_nif, customer_postal_code, total_cents
      from billing_document where id in (${invoice.id}, ${invoice.proformaId}) order by kind`.execute(t.platform.db);
    expect(kept.rows).toEqual([
      {
        account_id: null,
        customer_name: 'Apagar Lda',
        customer_nif: 'PT501964843',
        customer_postal_code: '4050-262',
        total_cents: 2459,
      },
      {
        account_id: null,
        customer_name: 'Apagar Lda',
        customer_nif: 'PT501964843',
        customer_postal_code: '4050-262',
        total_cents: 2459,
      },
    ]);
  });

  it('only billing staff issue proformas and mark transfers', async () => {
    const { account, cookie } = await signUp(t.app);
    const support = (await staffSession(t, ['support'])).cookie;
    for (const [who, status] of [
      [cookie, 401],
      [support, 403],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/staff/billing/proformas',
        headers: { cookie: who },
        payload: { accountId: account.id, dueAt: due(), lines: [plan] },
      });
      expect(res.statusCode).toBe(status);
    }
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/billing/proformas',
      headers: { cookie: billingStaff },
      payload: { accountId: account.id, dueAt: due(), lines: [{ ...plan, quantity: 0 }] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toMatch(/lines.*quantity/);
  });

  it(`numbers invoices without gaps and in date order under 50 concurrent payments${testDbKind === 'postgres' ? ' on two app servers' : ''}`, async () => {
    const { account } = await signUp(t.app, { nif: 'PT501964843' });
    const proformas = [];
    for (let i = 0; i < 50; i++) proformas.push(await issue(account.id));
    const other = testDbKind === 'postgres' ? await t.anotherServer() : null;
    try {
      const servers = [t.platform, other?.platform ?? t.platform];
      const invoices = await Promise.all(
        proformas.map((p, i) =>
          servers[i % 2]!.billing.payProforma(operatorContext(new Date(t.clock.now().getTime() + i)), p.id, {
            method: 'card',
            reference: `ch_${i}`,
          }),
        ),
      );
      const numbers = invoices.map((i) => i.number).sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(50);
      expect(numbers.at(-1)! - numbers[0]! + 1).toBe(50);
      const series = await sql<{ number: number; issued_at: Date }>`select number, issued_at from billing_document
        where kind = 'invoice' order by number`.execute(t.platform.db);
      const all = series.rows.map((r) => r.number);
      expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
      const times = series.rows.map((r) => new Date(r.issued_at).getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    } finally {
      await other?.close();
    }
  });
});
