import { describe, expect, it } from 'vitest';
import { buildDataMap, compareWithSchema, declareTables, notPersonal, personal } from './data-map.js';

const email = personal({ category: 'tracking', key: 'contact.email', purposes: ['service'], basis: 'contract', retention: 'account-lifetime', identifier: true });

describe('data map checks', () => {
  it('accepts tables reachable from their subject', () => {
    const map = buildDataMap([declareTables({
      person: { description: 'p', subject: 'customer', owner: { column: 'id' }, columns: { id: notPersonal('key'), email } },
      note: { description: 'n', subject: 'customer', owner: { via: 'person_id', to: 'person.id' }, columns: { person_id: notPersonal('ref'), email } },
    })]);
    expect(map.problems).toEqual([]);
  });

  it('refuses a personal table with no subject, no owner, or an owner that leads nowhere', () => {
    const map = buildDataMap([declareTables({
      orphan: { description: 'o', columns: { email } },
      lost: { description: 'l', subject: 'visitor', owner: { via: 'x_id', to: 'missing.id' }, columns: { x_id: notPersonal('ref'), email } },
    })]);
    expect(map.problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/orphan holds personal data but names no subject/),
      expect.stringMatching(/orphan holds personal data but has no owner/),
      expect.stringMatching(/lost is not reachable/),
    ]));
  });

  it('refuses a table declared twice', () => {
    const part = declareTables({ t: { description: 't', columns: { id: notPersonal('key') } } });
    expect(buildDataMap([part, part]).problems).toEqual(['table t is declared twice']);
  });

  it('reports undeclared and stale columns', () => {
    const map = buildDataMap([declareTables({ t: { description: 't', columns: { id: notPersonal('key'), gone: notPersonal('x') } } })]);
    expect(compareWithSchema(map, [{ table: 't', column: 'id' }, { table: 't', column: 'new' }])).toEqual({ undeclared: ['t.new'], stale: ['t.gone'] });
  });
});
