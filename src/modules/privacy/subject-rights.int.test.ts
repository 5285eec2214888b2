import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorContext } from '../../core/context.js';
import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';
import { createPrivacyEngine } from '../../core/privacy/engine.js';
import { platformDataMap } from '../../module-list.js';
import { cookieFrom, createTestApp, signUp, signupBody, staffSession, type TestApp } from '../../../test/harness.js';
import { invitationToken } from '../../../test/members.js';
import { readZip } from '../../../test/zip.js';
import { writeSubjectArchive } from './export-archive.js';
import { buildPolicy } from './policy.js';

let t: TestApp;
const dir = mkdtempSync(path.join(os.tmpdir(), 'sellrocket-export-'));
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A valid Portuguese company NIF of its own for each seeded subject. */
function nifFor(n: number): string {
  const body = `5${String(1000000 + n).slice(-7)}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);
  const check = sum % 11 < 2 ? 0 : 11 - (sum % 11);
  return `${body}${check}`;
}

/** One merchant seeded through the API into every personal column the platform has. */
async function seedSubject(n: number) {
  const ip = `81.193.44.${200 + n}`; // a Portuguese address, so the country of a consent is known
  const body = signupBody({
    firstName: `Xylophonia${n}`,
    lastName: `Quarkenbush${n}`,
    company: `Quark ${n} Lda`,
    nif: nifFor(n),
    phone: `+35191234${5670 + n}`,
    marketingConsent: true,
    address: {
      line1: `Rua Única ${n}`,
      line2: `Andar ${n}`,
      postalCode: `4000-00${n}`,
      city: `Porto${n}`,
      country: 'PT',
    },
  });
  const headers = {
    'user-agent': `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 SeedAgent/${n}`,
  };
  const signup = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: body,
    remoteAddress: ip,
    headers,
  });
  expect(signup.statusCode).toBe(201);
  const cookie = cookieFrom(signup);
  const id = signup.json().id as string;
  t.clock.advance(1000);
  const start = await t.app.inject({
    method: 'POST',
    url: '/api/v1/account/mfa/totp',
    headers: { cookie, ...headers },
    remoteAddress: ip,
  });
  const code = await generate({ secret: start.json().secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
  const confirm = await t.app.inject({
    method: 'POST',
    url: '/api/v1/account/mfa/totp/confirm',
    headers: { cookie, ...headers },
    payload: { code, currentPassword: body.password },
    remoteAddress: ip,
  });
  const recovery = confirm.json().recoveryCodes[0] as string;
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: body.email, password: body.password, code: recovery },
    remoteAddress: ip,
    headers,
  });
  expect(login.statusCode).toBe(200);
  // A shop trading under the merchant's own name: its legal details are theirs.
  const shop = await t.app.inject({
    method: 'POST',
    url: '/api/v1/shops',
    headers: { cookie: cookieFrom(login) },
    remoteAddress: ip,
    payload: {
      slug: `xylo-${process.pid}-${n}`,
      name: `Xylo ${n}`,
      details: {
        legalName: `Xylophonia${n} Quarkenbush${n}`,
        taxId: nifFor(n),
        email: body.email,
        phone: `+35191234${5670 + n}`,
        address: { line1: `Rua Única ${n}`, postalCode: `4000-00${n}`, city: `Porto${n}`, country: 'PT' },
      },
    },
  });
  expect(shop.statusCode, shop.body).toBe(201);
  await t.platform.rateStore.flush(); // the IP's request count reaches rate_counter
  const request = await t.app.inject({
    method: 'POST',
    url: '/api/v1/privacy/requests',
    headers: { cookie: cookieFrom(login) },
    payload: { type: 'rectification', details: `Please fix my city ${n}` },
    remoteAddress: ip,
  });
  const staff = await staffSession(t, ['privacy']);
  const reqId = request.json().id as string;
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/staff/privacy/requests/${reqId}/extend`,
    headers: { cookie: staff.cookie },
    payload: { months: 1, reason: `Checking records for ${n}` },
  });
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/staff/privacy/requests/${reqId}/refuse`,
    headers: { cookie: staff.cookie },
    payload: { reason: `The city is already right ${n}` },
  });
  const restriction = await t.app.inject({
    method: 'POST',
    url: '/api/v1/privacy/requests',
    headers: { cookie: cookieFrom(login) },
    payload: { type: 'restriction' },
    remoteAddress: ip,
  });
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/staff/privacy/requests/${restriction.json().id}/approve`,
    headers: { cookie: staff.cookie },
  });
  // A user invited to the account, and an account the merchant works on as a user (S7).
  const invited = await t.app.inject({
    method: 'POST',
    url: '/api/v1/account/users/invitations',
    headers: { cookie: cookieFrom(login) },
    payload: { email: `helper${n}-${process.pid}@example.test`, permissions: ['shops'] },
  });
  expect(invited.statusCode, invited.body).toBe(201);
  const employer = await signUp(t.app, {}, `198.51.100.${n}`);
  const invitation = await t.app.inject({
    method: 'POST',
    url: '/api/v1/account/users/invitations',
    headers: { cookie: employer.cookie },
    payload: { email: body.email, permissions: ['orders'] },
  });
  expect(invitation.statusCode, invitation.body).toBe(201);
  const token = (await invitationToken(t, body.email))!;
  const accepted = await t.app.inject({
    method: 'POST',
    url: `/api/v1/invitations/${token}/accept`,
    headers: { cookie: cookieFrom(login) },
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  // A saved card and a direct debit mandate.
  for (const [url, payload] of [
    [
      '/api/v1/account/payment-methods/cards',
      { card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2034, cvc: '318' } },
    ],
    [
      '/api/v1/account/payment-methods/sepa',
      { iban: 'PT50000201231234567890154', holderName: `Xylophonia${n} Quarkenbush${n}` },
    ],
  ] as const) {
    const saved = await t.app.inject({ method: 'POST', url, headers: { cookie: cookieFrom(login) }, payload });
    expect(saved.statusCode, saved.body).toBe(201);
  }
  // A proforma, paid: an invoice under legal hold.
  const proforma = await t.platform.billing.issueProforma(operatorContext(t.clock.now()), {
    accountId: id,
    dueAt: new Date(t.clock.now().getTime() + 14 * 86_400_000),
    lines: [{ description: 'Plan Pro', quantity: 1, unitCents: 1999 }],
  });
  await t.platform.billing.payProforma(operatorContext(t.clock.now()), proforma.id, {
    method: 'transfer',
    reference: `TRF ${n}`,
  });
  return {
    id,
    ip,
    body,
    identifiers: [
      `PT${nifFor(n)}`,
      body.email,
      body.phone.replace(/\s/g, ''),
      '+351912345' + (670 + n),
      `Xylophonia${n}`,
      `Quarkenbush${n}`,
      ip,
      `SeedAgent/${n}`,
      `Rua Única ${n}`,
    ],
  };
}

describe('access and portability (D1, D4): the archive holds every personal value', () => {
  it('exports every personal column that exists, with a manifest describing each field, CSV and a report', async () => {
    const subject = await seedSubject(1);
    const file = path.join(dir, 'export.zip');
    const policy = buildPolicy(t.platform.dataMap, await t.platform.processors.list(), t.config.controller);
    await writeSubjectArchive(t.platform.privacy, { kind: 'customer', id: subject.id }, policy, file, t.clock.now());
    const zip = await readZip(file);
    const manifest = JSON.parse(zip.get('manifest.json')!);
    expect(zip.get('report.html')).toMatch(/Your rights/);

    // Filled only for requests made without an account, so never part of a customer's data.
    const notForCustomers = new Set(['privacy_request.requester_email']);
    let checked = 0;
    for (const table of t.platform.privacy.tablesOf('customer')) {
      const decl = t.platform.dataMap.tables[table]!;
      const json = zip.get(`data/${table}.json`);
      expect(json, table).toBeDefined();
      expect(zip.get(`data/${table}.csv`), table).toBeDefined();
      const entry = manifest.files.find((f: { table: string }) => f.table === table);
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.platform.db)).rows;
      for (const [column, c] of Object.entries(decl.columns)) {
        if (!c.personal || notForCustomers.has(`${table}.${column}`)) continue;
        const field = entry.fields.find((f: { name: string }) => f.name === column);
        if (c.export === 'omit') {
          expect(field, `${table}.${column} must not be exported`).toBeUndefined();
          continue;
        }
        expect(field, `${table}.${column} in manifest`).toMatchObject({
          personal: true,
          category: c.category,
          legalBasis: c.basis,
        });
        const exported = JSON.parse(json!) as Record<string, unknown>[];
        const values = exported.map((r) => r[column]).filter((v) => v !== null && v !== undefined);
        expect(values.length, `seed reached ${table}.${column}`).toBeGreaterThan(0);
        for (const v of values) {
          const stored = rows.find(
            (r) => String(r[column] instanceof Date ? (r[column] as Date).toISOString() : r[column]) === String(v),
          );
          expect(stored, `${table}.${column} value ${String(v)} is the stored one`).toBeDefined();
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25);
    // Each table is read once: the CSV holds the same rows as the JSON, and no scratch file is left.
    for (const table of t.platform.privacy.tablesOf('customer')) {
      const rows = JSON.parse(zip.get(`data/${table}.json`)!) as unknown[];
      expect(zip.get(`data/${table}.csv`)!.trimEnd().split('\r\n').length - 1, table).toBe(rows.length);
      expect(manifest.files.find((f: { table: string }) => f.table === table).records, table).toBe(rows.length);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(manifest.documents).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'data/privacy_request.json', records: 2 })]),
    );
    expect(zip.get('report.html')).toMatch(/Your privacy requests and our answers to them: 2/);
    // Paging: one row per page still reaches every row, each once.
    for await (const { table, pages } of t.platform.privacy.exportSubject({ kind: 'customer', id: subject.id }, 1)) {
      let n = 0;
      for await (const page of pages()) n += page.length;
      expect(n, table).toBe((JSON.parse(zip.get(`data/${table}.json`)!) as unknown[]).length);
    }
    const text = [...zip.values()].join('\n');
    for (const value of [subject.body.email, 'Xylophonia1', `PT${nifFor(1)}`, subject.ip, 'Andar 1'])
      expect(text).toContain(value);
    const hashes = await t.platform.db
      .selectFrom('account')
      .select('password_hash')
      .where('id', '=', subject.id)
      .executeTakeFirstOrThrow();
    expect(text).not.toContain(hashes.password_hash);
  });
});

/** Every row of every table, as JSON text. */
/**
 * Every row of every table as JSON, without the columns under legal hold (an invoice's name, NIF and
 * address stay by law: billing.int.test.ts checks that exactly those stay).
 */
async function dumpAll(): Promise<string> {
  const tables = (
    await sql<{
      t: string;
    }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
      t.platform.db,
    )
  ).rows.map((r) => r.t);
  let dump = '';
  for (const table of tables) {
    const held = Object.entries(t.platform.dataMap.tables[table]?.columns ?? {})
      .filter(([, c]) => c.personal && c.onErasure === 'hold')
      .map(([column]) => column);
    const rows = await sql<{
      j: string;
    }>`select ${held.length > 0 ? sql`(to_jsonb(x) - ${held}::text[])::text` : sql`row_to_json(x)::text`} as j from ${sql.table(table)} x`.execute(
      t.platform.db,
    );
    dump += rows.rows.map((r) => r.j).join('\n');
  }
  return dump;
}

describe('erasure (D5)', () => {
  it("leaves none of the subject's identifiers in any table, keeps other people's data, and journals without personal data", async () => {
    const subject = await seedSubject(2);
    const other = await seedSubject(3);
    const staff = await staffSession(t, ['support']);
    await t.app.inject({
      method: 'GET',
      url: `/api/v1/staff/accounts/${subject.id}`,
      headers: { cookie: staff.cookie },
    });

    const before = await dumpAll();
    for (const value of subject.identifiers) expect(before, `seeded ${value}`).toContain(value);
    const result = await t.platform.privacy.eraseSubject(operatorContext(t.clock.now()), {
      kind: 'customer',
      id: subject.id,
    });
    expect(result.summary['account:deleted']).toBe(1);
    const dump = await dumpAll();
    for (const value of subject.identifiers) expect(dump, value).not.toContain(value);
    for (const value of [other.body.email, 'Xylophonia3', other.ip]) expect(dump, value).toContain(value);

    const journal = await t.platform.db
      .selectFrom('erasure_journal')
      .selectAll()
      .where('id', '=', result.journalId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(journal)).not.toContain(subject.id);
    expect(await t.platform.audit.verify()).toMatchObject({ ok: true });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: subject.body.email, password: subject.body.password },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('fails loudly and changes nothing when something of the subject would remain', async () => {
    const subject = await seedSubject(4);
    // A table the engine does not know how to clear for this subject: a staff member with their email.
    await t.platform.staff.createStaff(operatorContext(t.clock.now()), {
      email: subject.body.email,
      name: 'Same Person',
      roles: ['support'],
      password: 'a long staff password',
    });
    await expect(
      t.platform.privacy.eraseSubject(operatorContext(t.clock.now()), { kind: 'customer', id: subject.id }),
    ).rejects.toThrow(/staff_user\.email/);
    const still = await t.platform.db.selectFrom('account').select('id').where('id', '=', subject.id).execute();
    expect(still).toHaveLength(1);
  });
});

describe('erasure journal (D5): replayed after a backup restore', () => {
  it('erases again a subject that a restored backup brought back, and restores the journal entry', async () => {
    const subject = await seedSubject(7);
    const other = await seedSubject(8);
    const backup = (
      await sql<Record<string, unknown>>`select * from account where id = ${subject.id}`.execute(t.platform.db)
    ).rows[0]!;
    const { journalId } = await t.platform.privacy.eraseSubject(operatorContext(t.clock.now()), {
      kind: 'customer',
      id: subject.id,
    });
    const journal = await t.platform.privacy.erasureJournal();
    expect(journal.find((e) => e.id === journalId)).toMatchObject({
      subjectKind: 'customer',
      subjectRef: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(JSON.stringify(journal)).not.toContain(subject.id);

    // The restore: the account is back from a backup older than the erasure, which the journal there does not know.
    await t.platform.db.deleteFrom('erasure_journal').where('id', '=', journalId).execute();
    await t.platform.db
      .insertInto('account')
      .values(backup as never)
      .execute();
    const replay = await t.platform.privacy.replayErasures(operatorContext(t.clock.now()), journal);
    expect(replay).toMatchObject({ erasedAgain: 1, journalEntriesRestored: 1 });
    expect(
      await t.platform.db.selectFrom('account').select('id').where('id', 'in', [subject.id, other.id]).execute(),
    ).toEqual([{ id: other.id }]);
    expect(
      await t.platform.db.selectFrom('erasure_journal').select('id').where('id', '=', journalId).execute(),
    ).toHaveLength(1);
  });
});

/**
 * Invoices do not exist yet; this fixture declares one the way billing will, so the engine's legal
 * hold is proven now: fiscal fields survive the erasure, everything else of the person goes.
 */
describe('erasure keeps fiscal documents under legal hold, with their fiscal fields only (RT6, RT8)', () => {
  const fiscal = {
    purposes: ['billing', 'legal-compliance'],
    basis: 'legal-obligation',
    retention: 'fiscal-record',
    onErasure: 'hold',
  } as const;
  const fixture = declareTables({
    fixture_invoice: {
      description: 'Test fixture: an invoice as billing will declare it.',
      subject: 'customer',
      owner: { via: 'account_id', to: 'account.id' },
      erasure: 'anonymise',
      columns: {
        id: notPersonal('key'),
        account_id: notPersonal('reference to the account'),
        number: notPersonal('fiscal series number'),
        total_cents: notPersonal('amount'),
        buyer_name: personal({ category: 'identification', key: 'name.full', ...fiscal, identifier: true }),
        buyer_nif: personal({ category: 'identification', key: 'tax.id', ...fiscal, identifier: true }),
        buyer_address: personal({ category: 'localisation', key: 'address.line1', ...fiscal }),
        buyer_email: personal({
          category: 'tracking',
          key: 'contact.email',
          purposes: ['billing'],
          basis: 'contract',
          retention: 'account-lifetime',
          identifier: true,
          onErasure: 'null',
        }),
        note: personal({
          category: 'communication',
          key: 'invoice.note',
          purposes: ['billing'],
          basis: 'contract',
          retention: 'account-lifetime',
          onErasure: 'redact',
        }),
      },
    },
  });

  it('keeps the invoice with name, NIF and address, clears the email, redacts the note and detaches it from the erased account', async () => {
    await sql`create table if not exists fixture_invoice (id text primary key, account_id text references account(id), number text not null, total_cents int not null,
      buyer_name text, buyer_nif text, buyer_address text, buyer_email text, note text)`.execute(t.platform.db);
    const map = platformDataMap([fixture]);
    expect(map.problems).toEqual([]);
    const engine = createPrivacyEngine({
      db: t.platform.db,
      map,
      audit: t.platform.audit,
      hashKey: t.platform.secrets.hashKey,
    });
    const subject = await seedSubject(5);
    const other = await seedSubject(6);
    const name = 'Xylophonia5 Quarkenbush5';
    await sql`insert into fixture_invoice values ('inv_1', ${subject.id}, 'FT 2026/1', 12300, ${name}, ${nifFor(5)}, 'Rua Única 5', ${subject.body.email}, 'Deliver to Andar 5'),
      ('inv_2', ${other.id}, 'FT 2026/2', 4500, 'Xylophonia6 Quarkenbush6', ${nifFor(6)}, 'Rua Única 6', ${other.body.email}, 'Deliver to Andar 6')`.execute(
      t.platform.db,
    );

    const file = path.join(dir, 'held.zip');
    await writeSubjectArchive(
      engine,
      { kind: 'customer', id: subject.id },
      buildPolicy(map, await t.platform.processors.list(), t.config.controller),
      file,
      t.clock.now(),
    );
    expect(JSON.parse((await readZip(file)).get('data/fixture_invoice.json')!)).toEqual([
      expect.objectContaining({ number: 'FT 2026/1', buyer_email: subject.body.email }),
    ]);

    const result = await engine.eraseSubject(operatorContext(t.clock.now()), { kind: 'customer', id: subject.id });
    expect(result.summary).toMatchObject({
      'fixture_invoice:anonymised': 1,
      'fixture_invoice:held': 1,
      'account:deleted': 1,
    });
    const invoices = (
      await sql<Record<string, unknown>>`select * from fixture_invoice order by id`.execute(t.platform.db)
    ).rows;
    expect(invoices[0]).toEqual({
      id: 'inv_1',
      account_id: null,
      number: 'FT 2026/1',
      total_cents: 12300,
      buyer_name: name,
      buyer_nif: nifFor(5),
      buyer_address: 'Rua Única 5',
      buyer_email: null,
      note: '[erased]',
    });
    expect(invoices[1]).toMatchObject({
      account_id: other.id,
      buyer_email: other.body.email,
      note: 'Deliver to Andar 6',
    });

    // Outside the held fiscal fields, nothing of the subject remains anywhere.
    const dump = (await dumpAll()).replaceAll(
      JSON.stringify({
        id: 'inv_1',
        account_id: null,
        number: 'FT 2026/1',
        total_cents: 12300,
        buyer_name: name,
        buyer_nif: nifFor(5),
        buyer_address: 'Rua Única 5',
        buyer_email: null,
        note: '[erased]',
      }),
      '',
    );
    for (const value of subject.identifiers) expect(dump, value).not.toContain(value);
    expect(dump).not.toContain('Andar 5');
  });
});
