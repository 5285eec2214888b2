import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffSession, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const personalColumns = () =>
  Object.entries(t.platform.dataMap.tables).flatMap(([table, d]) =>
    Object.entries(d.columns)
      .filter(([, c]) => c.personal)
      .map(([column]) => ({ table, column, subject: d.subject })),
  );

const getPolicy = async (query = '', headers: Record<string, string> = {}) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/privacy/policy${query}`, headers });
  expect(res.statusCode).toBe(200);
  return res.json();
};
/** The words a person reads about the data: labels, descriptions and uses, subject and category headings, retention, recipients. */
const readableWords = (policy: any): string[] => [
  ...policy.collected.flatMap((s: any) => [
    s.label,
    s.intro,
    ...s.categories.flatMap((c: any) => [
      c.label,
      c.description,
      ...c.kinds.flatMap((k: any) => [k.label, k.description]),
      ...c.uses.flatMap((u: any) => [u.where, ...u.kinds, ...u.purposes, u.basis, u.kept, ...u.from]),
    ]),
  ]),
  ...policy.retention.flatMap((r: any) => [r.label, r.text, ...r.kinds]),
  ...policy.legalBases.flatMap((b: any) => [b.label, b.text]),
  ...policy.recipients.flatMap((r: any) => [r.role, ...r.receives]),
];

describe('the generated privacy policy', () => {
  it('mentions every personal column of the data map in its annex, and names its kind in plain words (staff data goes to the internal notice)', async () => {
    const policy = await getPolicy();
    const inAnnex = new Set(policy.annex.rows.map((r: any) => `${r.table}.${r.column}`));
    const expected = personalColumns().filter((c) => c.subject !== 'staff');
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.map((c) => `${c.table}.${c.column}`).filter((c) => !inAnnex.has(c))).toEqual([]);
    expect(policy.annex.rows.filter((r: any) => r.subject === 'staff')).toEqual([]);
    for (const row of policy.annex.rows) {
      const category = policy.collected
        .find((s: any) => s.subject === row.subject)
        ?.categories.find((c: any) => c.kinds.some((k: any) => k.key === row.key));
      expect(category, `${row.table}.${row.column}`).toBeDefined();
      const use = category.uses.find((u: any) => u.where === row.records && u.kinds.includes(row.label));
      expect(use, `${row.table}.${row.column}`).toBeDefined();
      expect(use.purposes.length * use.from.length, `${row.table}.${row.column}`).toBeGreaterThan(0);
    }
    // The readable part speaks words, not identifiers.
    // (Single words such as "consent" or "account" are English too; identifiers with . - _ are not.)
    const identifiers = new Set(
      policy.annex.rows.flatMap((r: any) =>
        [`${r.table}.${r.column}`, r.table, r.key, r.basis, r.retention, ...r.purposes].filter((id) =>
          /[._-]/.test(id),
        ),
      ),
    );
    expect(readableWords(policy).filter((w) => [...identifiers].some((id) => w.includes(id as string)))).toEqual([]);
    expect(policy.complaint.odr).toBe('https://ec.europa.eu/consumers/odr');
    expect(policy.cookies.map((c: any) => c.name)).toEqual([
      'sr_session',
      'sr_staff_session',
      'sr_device',
      'sr_staff_device',
      'sr_consent',
    ]);
  });

  it('reads like a policy: who is responsible, retention in words, rights with where to use them, the CNPD and the EU ODR link', async () => {
    const policy = await getPolicy();
    expect(policy.controller).toMatchObject({
      email: expect.stringContaining('@'),
      dpoEmail: expect.stringContaining('@'),
    });
    expect(policy.controller.text.join(' ')).toContain(policy.controller.dpoEmail);
    const customer = policy.collected.find((s: any) => s.subject === 'customer');
    const contact = customer.categories.find((c: any) => c.kinds.some((k: any) => k.key === 'contact.email'));
    expect(contact.kinds.find((k: any) => k.key === 'contact.email')).toMatchObject({
      label: 'Email address',
      description: expect.stringMatching(/^To reach you/),
    });
    expect(contact.uses.filter((u: any) => u.kinds.includes('Email address'))).toEqual([
      expect.objectContaining({
        where: 'Your account',
        basis: 'contract',
        kept: 'while your account is open',
        from: ['you', 'your use of our services'],
      }),
      // A shop's contact email is shown on its storefront because the law asks an online shop to say who runs it.
      expect.objectContaining({
        where: 'Your shops and their legal details',
        basis: 'legal obligation',
        kept: 'while your account is open',
        from: ['you'],
      }),
      expect.objectContaining({
        where: 'Privacy requests',
        basis: 'legal obligation',
        kept: '3 years after our answer',
        from: ['you'],
      }),
      // The emails we sent them are kept as their correspondence with us (RT2).
      expect.objectContaining({
        where: 'Emails we sent you',
        basis: 'contract',
        kept: 'while a customer',
        from: ['you'],
      }),
    ]);
    // A country worked out from the IP address is not something the person gave us.
    const located = customer.categories
      .find((c: any) => c.category === 'localisation')
      .uses.find((u: any) => u.kinds.includes('Approximate country'));
    expect(located.from).toEqual(['your use of our services']);
    expect(policy.retention.find((r: any) => r.rule === 'request-intake')).toMatchObject({
      label: '24 hours at most',
      text: 'Until you confirm your email address, or 24 hours if you do not.',
    });
    expect(policy.retention.find((r: any) => r.rule === 'account-lifetime').text).toMatch(
      /^For as long as your account is open; deleted 3 days after it is closed/,
    );
    expect(policy.legalBases.find((b: any) => b.id === 'contract')).toMatchObject({
      label: 'contract',
      text: expect.stringContaining('Art. 6(1)(b)'),
    });
    expect(policy.requestLinks.map((l: any) => l.href)).toEqual(['/account/privacy', '/privacy/request']);
    expect(policy.rights.map((r: any) => r.id)).toEqual(
      expect.arrayContaining([
        'access',
        'rectification',
        'erasure',
        'restriction',
        'portability',
        'objection',
        'consent',
      ]),
    );
    expect(policy.complaint.text.join(' ')).toMatch(/CNPD.*https:\/\/www\.cnpd\.pt/);
    expect(policy.complaint.text.join(' ')).toContain('https://ec.europa.eu/consumers/odr');
    const hosting = policy.recipients.find((r: any) => r.id === 'hosting');
    expect(hosting).toMatchObject({
      role: 'Hosting datacentre',
      company: null,
      receivesAll: true,
      countryNames: ['Portugal', 'Germany', 'Switzerland'],
      outsideEea: true,
      safeguardText: 'Adequacy decision (Switzerland)',
    });
    const registrars = policy.recipients.find((r: any) => r.id === 'registrars');
    expect(registrars).toMatchObject({
      receivesAll: false,
      outsideEea: false,
      safeguardText: 'not needed: the data stays in the EEA',
    });
    expect(registrars.receives).toEqual(expect.arrayContaining(['First name', 'Email address', 'Telephone number']));
    expect(registrars.receives).not.toContain('IP address');
    expect(policy.recipients.find((r: any) => r.id === 'call-centre').receives).toEqual([]);
  });

  it('speaks European Portuguese for ?lang=pt-PT or a Portuguese Accept-Language, English otherwise, with one version for both', async () => {
    const en = await getPolicy();
    const pt = await getPolicy('?lang=pt-PT');
    expect(en).toMatchObject({ language: 'en', title: 'Privacy policy' });
    expect(pt).toMatchObject({ language: 'pt-PT', title: 'Política de privacidade', version: en.version });
    expect(pt.headings.rights).toBe('Os seus direitos e como exercê-los');
    const contact = pt.collected[0].categories.find((c: any) => c.kinds.some((k: any) => k.key === 'contact.email'));
    expect(contact.kinds.find((k: any) => k.key === 'contact.email').label).toBe('Endereço de correio eletrónico');
    expect(contact.uses[0]).toMatchObject({
      where: 'A sua conta',
      basis: 'contrato',
      kept: 'enquanto a conta estiver aberta',
      from: ['fornecidos por si', 'gerados pela utilização dos nossos serviços'],
    });
    expect(pt.recipients.find((r: any) => r.id === 'backup').countryNames).toEqual(['Reino Unido']);
    expect(pt.annex.rows).toEqual(
      en.annex.rows.map((r: any) => ({ ...r, label: expect.any(String), records: expect.any(String) })),
    );
    expect((await getPolicy('', { 'accept-language': 'pt-BR,pt;q=0.9,en;q=0.5' })).language).toBe('pt-PT');
    expect((await getPolicy('', { 'accept-language': 'de-DE,pt;q=0.5' })).language).toBe('en');
    expect((await getPolicy('?lang=en', { 'accept-language': 'pt-PT' })).language).toBe('en');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/privacy/policy?lang=pt-PT' });
    expect(res.headers['content-language']).toBe('pt-PT');
    expect(res.headers.vary).toMatch(/accept-language/i);
  });

  it('every table that holds personal data says, in every language, what the policy calls its records', () => {
    const unnamed = Object.entries(t.platform.dataMap.tables)
      .filter(
        ([, d]) => Object.values(d.columns).some((c) => c.personal) && !(d.label?.en.trim() && d.label['pt-PT'].trim()),
      )
      .map(([name]) => name);
    expect(unnamed).toEqual([]);
  });

  it("names the operator's configured identity as the controller, in both languages", async () => {
    const u = await createTestApp({
      env: {
        CONTROLLER_NAME: 'Lojas Exemplo, S.A.',
        CONTROLLER_ADDRESS: 'Av. da Liberdade 1, 1250-096 Lisboa',
        DPO_EMAIL: 'epd@lojas.pt',
      },
    });
    try {
      for (const lang of ['en', 'pt-PT']) {
        const policy = (await u.app.inject({ method: 'GET', url: `/api/v1/privacy/policy?lang=${lang}` })).json();
        const text = policy.controller.text.join(' ');
        expect(text).toContain('Lojas Exemplo, S.A.');
        expect(text).toContain('Av. da Liberdade 1, 1250-096 Lisboa');
        expect(text).toContain('epd@lojas.pt');
      }
      const other = (await t.app.inject({ method: 'GET', url: '/api/v1/privacy/policy' })).json();
      const mine = (await u.app.inject({ method: 'GET', url: '/api/v1/privacy/policy' })).json();
      expect(mine.version).not.toBe(other.version);
    } finally {
      await u.close();
    }
  });

  it('refuses a language it does not speak, naming the field', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/privacy/policy?lang=fr' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'lang' })]);
  });

  it('names every recipient the data map uses, with storage countries and a safeguard for each outside the EEA', async () => {
    const policy = (await t.app.inject({ method: 'GET', url: '/api/v1/privacy/policy' })).json();
    const registered = new Set(policy.recipients.map((r: any) => r.id));
    const used = new Set(
      Object.values(t.platform.dataMap.tables).flatMap((d) =>
        Object.values(d.columns).flatMap((c) => (c.personal ? [...c.recipients] : [])),
      ),
    );
    expect([...used].filter((r) => !registered.has(r))).toEqual([]);
    for (const r of policy.recipients) if (r.outsideEea) expect(r.transferSafeguard, r.id).toBeTruthy();
  });

  it('changes when the register changes: privacy staff edit it, audited, and a transfer needs a safeguard', async () => {
    const staff = await staffSession(t, ['privacy']);
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/privacy/policy' })).json();
    const missing = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/processors/email-distribution',
      headers: { cookie: staff.cookie },
      payload: {
        name: 'Mailer Inc',
        service: 'Delivers email',
        dataShared: 'Email address',
        countries: ['US'],
        transferSafeguard: null,
      },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'transferSafeguard' })]);
    const ok = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/processors/email-distribution',
      headers: { cookie: staff.cookie },
      payload: {
        name: 'Mailer Inc',
        service: 'Delivers email',
        dataShared: 'Email address',
        countries: ['us', 'IE'],
        transferSafeguard: 'Standard contractual clauses',
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().countries).toEqual(['US', 'IE']);
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/privacy/policy' })).json();
    expect(after.version).not.toBe(before.version);
    expect(after.recipients.find((r: any) => r.id === 'email-distribution')).toMatchObject({
      name: 'Mailer Inc',
      company: 'Mailer Inc',
      outsideEea: true,
    });
    const audit = await t.platform.audit.listForTarget({ kind: 'processor', id: 'email-distribution' });
    expect(audit.map((a) => a.action)).toEqual(['privacy.processor.update']);
    const support = await staffSession(t, ['support']);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/staff/processors/hosting',
          headers: { cookie: support.cookie },
          payload: { name: 'x', service: 'x', dataShared: 'x', countries: ['PT'], transferSafeguard: null },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('records of processing activities (Art. 30)', () => {
  it('lists every personal column in the controller or processor record, as JSON and CSV', async () => {
    const staff = await staffSession(t, ['privacy']);
    const json = (
      await t.app.inject({ method: 'GET', url: '/api/v1/staff/privacy/records', headers: { cookie: staff.cookie } })
    ).json();
    const rows = [...json.controller, ...json.processor];
    expect(rows.map((r: any) => `${r.table}.${r.column}`).sort()).toEqual(
      personalColumns()
        .map((c) => `${c.table}.${c.column}`)
        .sort(),
    );
    expect(json.controller.find((r: any) => r.table === 'account' && r.column === 'email')).toMatchObject({
      category: 'tracking',
      basis: 'contract',
    });
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/staff/privacy/records.csv',
      headers: { cookie: staff.cookie },
    });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'record,subject,table,column,key,category,purposes,basis,retention,recipients,countries,safeguards',
    );
    expect(lines).toHaveLength(rows.length + 1);
  });
});
