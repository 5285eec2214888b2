import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The policy's promise IDs (C1…RT8). Listed here so the repository checks itself without the
// policy file, which a user's clone does not have.
const promiseIds = [
  ...Array.from({ length: 11 }, (_, i) => `C${i + 1}`),
  ...Array.from({ length: 7 }, (_, i) => `T${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `R${i + 1}`),
  ...Array.from({ length: 7 }, (_, i) => `D${i + 1}`),
  'M1',
  'M2',
  'K1',
  'K2',
  'K3',
  'K4',
  ...Array.from({ length: 7 }, (_, i) => `S${i + 1}`),
  ...Array.from({ length: 8 }, (_, i) => `RT${i + 1}`),
];

const table = readFileSync('docs/promises.md', 'utf8');
const rows = table.split('\n').filter((l) => /^\| (C|T|R|D|M|K|S|RT)\d+ \|/.test(l));

describe('docs/promises.md', () => {
  it('has one row per promise ID', () => {
    const ids = rows.map((r) => r.split('|')[1]!.trim());
    expect([...ids].sort()).toEqual([...promiseIds].sort());
  });

  it('gives every row a status, and every kept or partial row a test', () => {
    for (const row of rows) {
      const [, id, status, , test] = row.split('|').map((c) => c.trim());
      expect(['kept', 'partial', 'planned'], id).toContain(status);
      if (status !== 'planned') expect(test, `${id} is ${status} but names no test`).toMatch(/›/);
    }
  });

  it('names only tests that exist', () => {
    const refs = [...table.matchAll(/`([^`]+\.test\.ts) › ([^`]+)`/g)];
    expect(refs.length).toBeGreaterThan(20);
    for (const [, file, name] of refs) {
      expect(existsSync(file!), file).toBe(true);
      const source = readFileSync(file!, 'utf8');
      const quoted = [`'${name!.replaceAll("'", "\\'")}'`, `"${name}"`, `\`${name}\``];
      expect(
        quoted.some((q) => source.includes(q)),
        `${file} › ${name}`,
      ).toBe(true);
    }
  });
});
