import { describe, expect, it } from 'vitest';
import { buildDataMap, compareWithSchema, declareTables, notPersonal, personal } from './data-map.js';

const email = personal({
  category: 'tracking',
  key: 'contact.email',
  purposes: ['service'],
  basis: 'contract',
  retention: 'account-lifetime',
  identifier: true,
});

describe('data map checks', () => {
  it('accepts tables reachable from their subject', () => {
    const map = buildDataMap([
      declareTables({
        person: {
          description: 'p',
          subject: 'customer',
          owner: { column: 'id' },
          columns: { id: notPersonal('key'), email },
        },
        note: {
          description: 'n',
          subject: 'customer',
          owner: { via: 'person_id', to: 'person.id' },
          columns: { person_id: notPersonal('ref'), email },
        },
      }),
    ]);
    expect(map.problems).toEqual([]);
  });

  it('refuses a personal table with no subject, no owner, or an owner that leads nowhere', () => {
    const map = buildDataMap([
      declareTables({
        orphan: { description: 'o', columns: { email } },
        lost: {
          description: 'l',
          subject: 'visitor',
          owner: { via: 'x_id', to: 'missing.id' },
          columns: { x_id: notPersonal('ref'), email },
        },
      }),
    ]);
    expect(map.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/orphan holds personal data but names no subject/),
        expect.stringMatching(/orphan holds personal data but has no owner/),
        expect.stringMatching(/lost is not reachable/),
      ]),
    );
  });

  it('requires every personal column of an anonymised table to say what erasure does to it, and a hold to rest on the law', () => {
    const held = personal({
      category: 'identification',
      key: 'name.last',
      purposes: ['billing'],
      basis: 'legal-obligation',
      retention: 'fiscal-record',
      onErasure: 'hold',
    });
    const ok = buildDataMap([
      declareTables({
        person: {
          description: 'p',
          subject: 'customer',
          owner: { column: 'id' },
          columns: { id: notPersonal('key'), email },
        },
        invoice: {
          description: 'i',
          subject: 'customer',
          owner: { via: 'person_id', to: 'person.id' },
          erasure: 'anonymise',
          columns: { person_id: notPersonal('ref'), buyer: held, email: { ...email, onErasure: 'null' } },
        },
      }),
    ]);
    expect(ok.problems).toEqual([]);
    const bad = buildDataMap([
      declareTables({
        person: {
          description: 'p',
          subject: 'customer',
          owner: { column: 'id' },
          columns: { id: notPersonal('key'), email: { ...email, onErasure: 'null' } },
        },
        invoice: {
          description: 'i',
          subject: 'customer',
          owner: { via: 'person_id', to: 'person.id' },
          erasure: 'anonymise',
          columns: { person_id: notPersonal('ref'), email, buyer: { ...held, basis: 'contract' } },
        },
      }),
    ]);
    expect(bad.problems).toEqual(
      expect.arrayContaining([
        'table person: column email has onErasure but the table is not anonymised on erasure',
        'table invoice: column email needs onErasure (the table is anonymised on erasure)',
        'table invoice: column buyer is held on erasure without a legal obligation',
      ]),
    );
  });

  it('keeps rows with their parent only when they hold nothing personal and the parent is anonymised', () => {
    const tables = (parentErasure: 'anonymise' | 'delete', lineColumns: Record<string, typeof email>) =>
      declareTables({
        person: {
          description: 'p',
          subject: 'customer',
          owner: { column: 'id' },
          columns: { id: notPersonal('key'), email },
        },
        invoice: {
          description: 'i',
          subject: 'customer',
          owner: { via: 'person_id', to: 'person.id' },
          erasure: parentErasure,
          columns: {
            id: notPersonal('key'),
            person_id: notPersonal('ref'),
            ...(parentErasure === 'anonymise' ? { email: { ...email, onErasure: 'null' as const } } : {}),
          },
        },
        invoice_line: {
          description: 'l',
          subject: 'customer',
          owner: { via: 'invoice_id', to: 'invoice.id' },
          erasure: 'with-parent',
          columns: { invoice_id: notPersonal('ref'), ...lineColumns },
        },
      });
    expect(buildDataMap([tables('anonymise', {})]).problems).toEqual([]);
    const refusal =
      'table invoice_line: only a table without personal data whose owner row is anonymised can be kept with its parent';
    expect(buildDataMap([tables('delete', {})]).problems).toContain(refusal);
    expect(buildDataMap([tables('anonymise', { email })]).problems).toContain(refusal);
  });

  it('refuses a table declared twice', () => {
    const part = declareTables({ t: { description: 't', columns: { id: notPersonal('key') } } });
    expect(buildDataMap([part, part]).problems).toEqual(['table t is declared twice']);
  });

  it('reports undeclared and stale columns', () => {
    const map = buildDataMap([
      declareTables({ t: { description: 't', columns: { id: notPersonal('key'), gone: notPersonal('x') } } }),
    ]);
    expect(
      compareWithSchema(map, [
        { table: 't', column: 'id' },
        { table: 't', column: 'new' },
      ]),
    ).toEqual({ undeclared: ['t.new'], stale: ['t.gone'] });
  });
});

describe('data map wording', () => {
  it('refuses a personal column whose data key the policy has no words for', () => {
    const unnamed = { ...email, key: 'contact.fax' as never };
    const map = buildDataMap([
      declareTables({
        person: {
          description: 'p',
          subject: 'customer',
          owner: { column: 'id' },
          columns: { id: notPersonal('key'), email, fax: unnamed },
        },
      }),
    ]);
    expect(map.problems).toEqual([
      'table person: column fax has data key contact.fax, which the privacy policy has no words for (add it to data-keys.ts)',
    ]);
  });
});
