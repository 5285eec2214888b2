import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';

// No mail server: the outbox holds every message with its words, for the tests to read.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** The mails held for an address (sent at one instant of the test clock: in no particular order). */
const outbox = async (to: string) =>
  (
    await sql<{ subject: string; text_body: string }>`select subject, text_body from mail_outbox
      where to_address = ${to}`.execute(t.platform.db)
  ).rows;
/** The text of the one mail held for `to` with `subject`. */
const textOf = async (to: string, subject: string) => {
  const found = (await outbox(to)).filter((m) => m.subject === subject);
  expect(found, subject).toHaveLength(1);
  return found[0]!.text_body;
};

/** A signed-up customer whose account is set to write to them in `language`. */
async function customer(language: 'en' | 'pt-PT') {
  const c = await signUp(t.app);
  const res = await t.app.inject({
    method: 'PATCH',
    url: '/api/v1/account',
    headers: { cookie: c.cookie },
    payload: { language },
  });
  expect(res.json().language).toBe(language);
  return c;
}

/** A staff member of the privacy team whose browser asks for `acceptLanguage`. */
async function privacyStaff(acceptLanguage: string) {
  const { cookie } = await staffSession(t, ['privacy']);
  return (url: string, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'accept-language': acceptLanguage },
      ...(payload ? { payload } : {}),
    });
}

const ask = (cookie: string, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/privacy/requests', headers: { cookie }, payload });

describe('notices to privacy requesters in their language (#11 §6)', () => {
  it("writes to a customer in their account's language, whatever the language of the staff who decide", async () => {
    const pt = await customer('pt-PT');
    const en = await customer('en');
    const staffInPortuguese = await privacyStaff('pt-PT,pt;q=0.9');
    const staffInEnglish = await privacyStaff('en-GB');

    const refused = (await ask(pt.cookie, { type: 'rectification', details: 'O meu nome está errado' })).json();
    await staffInEnglish(`/api/v1/staff/privacy/requests/${refused.id}/refuse`, {
      reason: 'O nome pode ser alterado diretamente na secção Conta.',
    });
    const extended = (await ask(pt.cookie, { type: 'restriction', details: 'Parem de usar os meus dados' })).json();
    await staffInEnglish(`/api/v1/staff/privacy/requests/${extended.id}/extend`, {
      months: 1,
      reason: 'Vários sistemas guardam estes dados.',
    });
    await ask(pt.cookie, { type: 'access', confirmPassword: pt.body.password });
    expect((await t.platform.jobs.runDue()).failed).toBe(0);
    expect((await outbox(pt.body.email)).map((m) => m.subject).sort()).toEqual([
      'O seu pedido de privacidade foi recusado',
      'Os seus dados estão prontos',
      'Precisamos de mais tempo para responder ao seu pedido de privacidade',
    ]);
    const refusal = await textOf(pt.body.email, 'O seu pedido de privacidade foi recusado');
    expect(refusal).toContain(`pedido de retificação (${refused.id})`);
    expect(refusal).toContain('Motivo: O nome pode ser alterado diretamente na secção Conta.');
    expect(
      await textOf(pt.body.email, 'Precisamos de mais tempo para responder ao seu pedido de privacidade'),
    ).toContain(`pedido de limitação do tratamento (${extended.id})`);
    expect(await textOf(pt.body.email, 'Os seus dados estão prontos')).toContain('secção Privacidade');

    const other = (await ask(en.cookie, { type: 'rectification', details: 'My name is wrong' })).json();
    await staffInPortuguese(`/api/v1/staff/privacy/requests/${other.id}/refuse`, {
      reason: 'Your name can be changed in the Account section directly.',
    });
    expect((await outbox(en.body.email)).map((m) => m.subject)).toEqual(['Your privacy request was refused']);
  });

  it('tells a customer in Portuguese that a restriction will be lifted', async () => {
    const pt = await customer('pt-PT');
    const staff = await privacyStaff('en');
    const req = (await ask(pt.cookie, { type: 'restriction', details: 'Sem marketing, por favor' })).json();
    expect((await staff(`/api/v1/staff/privacy/requests/${req.id}/approve`)).statusCode).toBe(200);
    const restriction = await t.platform.db
      .selectFrom('processing_restriction')
      .select('id')
      .where('request_id', '=', req.id)
      .executeTakeFirstOrThrow();
    expect((await staff(`/api/v1/staff/privacy/restrictions/${restriction.id}/lift`)).statusCode).toBe(202);
    expect(await textOf(pt.body.email, 'Vamos levantar uma limitação do tratamento dos seus dados')).toMatch(
      /^A limitação do tratamento dos seus dados para marketing termina a \d{4}-\d\d-\d\d\./,
    );
  });

  it('answers a request made without an account in the language it was made in, to the end', async () => {
    const email = `visitante.${Date.now()}@example.pt`;
    const portuguese = { 'accept-language': 'pt-PT,pt;q=0.9,en;q=0.8' };
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests',
      headers: portuguese,
      payload: { email, type: 'access' },
    });
    expect(asked.statusCode).toBe(202);
    const confirm = await textOf(email, 'Confirme o seu pedido de privacidade');
    expect(confirm).toContain('pedido de acesso para este endereço de email');
    const token = decodeURIComponent(/verify\?token=([A-Za-z0-9_%-]+)/.exec(confirm)![1]!);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests/verify',
      headers: portuguese,
      payload: { token },
    });
    expect(verified.statusCode).toBe(201);

    // Staff (in English) approve; the archive is made by a job, with no one's language at hand.
    const staff = await privacyStaff('en-GB');
    expect((await staff(`/api/v1/staff/privacy/requests/${verified.json().id}/approve`)).statusCode).toBe(200);
    expect((await t.platform.jobs.runDue()).failed).toBe(0);
    expect(await textOf(email, 'Os seus dados estão prontos')).toMatch(
      /a partir desta ligação .*\n\S+\/privacy\/request\/download\?token=/,
    );

    // The same, asked in English, is answered in English.
    const other = `visitor.${Date.now()}@example.org`;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests',
      payload: { email: other, type: 'erasure' },
    });
    expect((await outbox(other)).map((m) => m.subject)).toEqual(['Confirm your privacy request']);
  });

  it('tells a visitor in Portuguese that their data was erased', async () => {
    const email = `apagar.${Date.now()}@example.pt`;
    const portuguese = { 'accept-language': 'pt' };
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests',
      headers: portuguese,
      payload: { email, type: 'erasure' },
    });
    const token = /verify\?token=([A-Za-z0-9_%-]+)/.exec((await outbox(email))[0]!.text_body)![1]!;
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests/verify',
      headers: portuguese,
      payload: { token: decodeURIComponent(token) },
    });
    const staff = await privacyStaff('en');
    expect((await staff(`/api/v1/staff/privacy/requests/${verified.json().id}/approve`)).statusCode).toBe(200);
    expect((await t.platform.jobs.runDue()).failed).toBe(0);
    expect(await textOf(email, 'Os seus dados foram apagados')).toMatch(/^Conforme pediu \(req_\w+\), /);
  });
});
