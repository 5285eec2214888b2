import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { generate } from 'otplib';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorContext } from '../../core/context.js';
import { cookieFrom, createTestApp, signupBody, staffSession, type TestApp } from '../../../test/harness.js';
import { writeSubjectArchive } from './export-archive.js';
import { buildPolicy } from './policy.js';

let t: TestApp;
const dir = mkdtempSync(path.join(os.tmpdir(), 'sellrocket-export-'));
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); rmSync(dir, { recursive: true, force: true }); });

function readZip(file: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, string>();
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => { out.set(entry.fileName, Buffer.concat(chunks).toString('utf8')); zip.readEntry(); });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

/** A valid Portuguese company NIF of its own for each seeded subject. */
function nifFor(n: number): string {
  const body = `5${String(1000000 + n).slice(-7)}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);
  const check = sum % 11 < 2 ? 0 : 11 - (sum % 11);
  return `${body}${check}`;
}

/** One merchant seeded through the API into every personal column the platform has. */
async function seedSubject(n: number) {
  const ip = `203.0.113.${200 + n}`;
  const body = signupBody({
    firstName: `Xylophonia${n}`, lastName: `Quarkenbush${n}`, company: `Quark ${n} Lda`, nif: nifFor(n),
    phone: `+35191234${5670 + n}`, marketingConsent: true,
    address: { line1: `Rua Única ${n}`, line2: `Andar ${n}`, postalCode: `4000-00${n}`, city: `Porto${n}`, country: 'PT' },
  });
  const headers = { 'user-agent': `SeedAgent/${n}` };
  const signup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body, remoteAddress: ip, headers });
  expect(signup.statusCode).toBe(201);
  const cookie = cookieFrom(signup);
  const id = signup.json().id as string;
  t.clock.advance(1000);
  const start = await t.app.inject({ method: 'POST', url: '/api/v1/account/mfa/totp', headers: { cookie, ...headers }, remoteAddress: ip });
  const code = await generate({ secret: start.json().secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
  const confirm = await t.app.inject({ method: 'POST', url: '/api/v1/account/mfa/totp/confirm', headers: { cookie, ...headers }, payload: { code }, remoteAddress: ip });
  const recovery = confirm.json().recoveryCodes[0] as string;
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: body.email, password: body.password, code: recovery }, remoteAddress: ip, headers });
  expect(login.statusCode).toBe(200);
  await t.platform.rateStore.flush(); // the IP's request count reaches rate_counter
  const request = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/requests', headers: { cookie: cookieFrom(login) }, payload: { type: 'rectification', details: `Please fix my city ${n}` }, remoteAddress: ip });
  const staff = await staffSession(t, ['privacy']);
  const reqId = request.json().id as string;
  await t.app.inject({ method: 'POST', url: `/api/v1/staff/privacy/requests/${reqId}/extend`, headers: { cookie: staff.cookie }, payload: { months: 1, reason: `Checking records for ${n}` } });
  await t.app.inject({ method: 'POST', url: `/api/v1/staff/privacy/requests/${reqId}/refuse`, headers: { cookie: staff.cookie }, payload: { reason: `The city is already right ${n}` } });
  const restriction = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/requests', headers: { cookie: cookieFrom(login) }, payload: { type: 'restriction' }, remoteAddress: ip });
  await t.app.inject({ method: 'POST', url: `/api/v1/staff/privacy/requests/${restriction.json().id}/approve`, headers: { cookie: staff.cookie } });
  return { id, ip, body, identifiers: [`PT${nifFor(n)}`, body.email, body.phone.replace(/\s/g, ''), '+351912345' + (670 + n), `Xylophonia${n}`, `Quarkenbush${n}`, ip, `SeedAgent/${n}`, `Rua Única ${n}`] };
}

describe('access and portability (D1, D4): the archive holds every personal value', () => {
  it('exports every personal column that exists, with a manifest describing each field, CSV and a report', async () => {
    const subject = await seedSubject(1);
    const file = path.join(dir, 'export.zip');
    const policy = buildPolicy(t.platform.dataMap, await t.platform.processors.list());
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
        expect(field, `${table}.${column} in manifest`).toMatchObject({ personal: true, category: c.category, legalBasis: c.basis });
        const exported = JSON.parse(json!) as Record<string, unknown>[];
        const values = exported.map((r) => r[column]).filter((v) => v !== null && v !== undefined);
        expect(values.length, `seed reached ${table}.${column}`).toBeGreaterThan(0);
        for (const v of values) {
          const stored = rows.find((r) => String(r[column] instanceof Date ? (r[column] as Date).toISOString() : r[column]) === String(v));
          expect(stored, `${table}.${column} value ${String(v)} is the stored one`).toBeDefined();
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25);
    const text = [...zip.values()].join('\n');
    for (const value of [subject.body.email, 'Xylophonia1', `PT${nifFor(1)}`, subject.ip, 'Andar 1']) expect(text).toContain(value);
    const hashes = await t.platform.db.selectFrom('account').select('password_hash').where('id', '=', subject.id).executeTakeFirstOrThrow();
    expect(text).not.toContain(hashes.password_hash);
  });
});

/** Every row of every table, as JSON text. */
async function dumpAll(): Promise<string> {
  const tables = (await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.platform.db)).rows.map((r) => r.t);
  let dump = '';
  for (const table of tables) {
    const rows = await sql<{ j: string }>`select row_to_json(x)::text as j from ${sql.table(table)} x`.execute(t.platform.db);
    dump += rows.rows.map((r) => r.j).join('\n');
  }
  return dump;
}

describe('erasure (D5)', () => {
  it('leaves none of the subject\'s identifiers in any table, keeps other people\'s data, and journals without personal data', async () => {
    const subject = await seedSubject(2);
    const other = await seedSubject(3);
    const staff = await staffSession(t, ['support']);
    await t.app.inject({ method: 'GET', url: `/api/v1/staff/accounts/${subject.id}`, headers: { cookie: staff.cookie } });

    const before = await dumpAll();
    for (const value of subject.identifiers) expect(before, `seeded ${value}`).toContain(value);
    const result = await t.platform.privacy.eraseSubject(operatorContext(t.clock.now()), { kind: 'customer', id: subject.id });
    expect(result.summary['account:deleted']).toBe(1);
    const dump = await dumpAll();
    for (const value of subject.identifiers) expect(dump, value).not.toContain(value);
    for (const value of [other.body.email, 'Xylophonia3', other.ip]) expect(dump, value).toContain(value);

    const journal = await t.platform.db.selectFrom('erasure_journal').selectAll().where('id', '=', result.journalId).executeTakeFirstOrThrow();
    expect(JSON.stringify(journal)).not.toContain(subject.id);
    expect(await t.platform.audit.verify()).toMatchObject({ ok: true });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: subject.body.email, password: subject.body.password } })).statusCode).toBe(401);
  });

  it('fails loudly and changes nothing when something of the subject would remain', async () => {
    const subject = await seedSubject(4);
    // A table the engine does not know how to clear for this subject: a staff member with their email.
    await t.platform.staff.createStaff(operatorContext(t.clock.now()), { email: subject.body.email, name: 'Same Person', roles: ['support'], password: 'a long staff password' });
    await expect(t.platform.privacy.eraseSubject(operatorContext(t.clock.now()), { kind: 'customer', id: subject.id })).rejects.toThrow(/staff_user\.email/);
    const still = await t.platform.db.selectFrom('account').select('id').where('id', '=', subject.id).execute();
    expect(still).toHaveLength(1);
  });
});
