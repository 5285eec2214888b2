import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvSpool } from './csv-spool.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'csv-spool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(spool: CsvSpool) {
  let text = '';
  for await (const chunk of spool.read()) text += chunk.toString();
  return text;
}

describe('the CSV spool of an archive', () => {
  const lines = Array.from({ length: 50 }, (_, i) => `"${i}","linha ${i} — ação"\r\n`);

  it('keeps a small CSV in memory and writes no file', async () => {
    const file = path.join(dir, 'small.csv.part');
    const spool = new CsvSpool(file);
    for (const l of lines) await spool.write(l);
    await spool.close();
    expect(existsSync(file)).toBe(false);
    expect(await readAll(spool)).toBe(lines.join(''));
  });

  it('spills past its limit to a private scratch file, gives back every line in order, and removes the file', async () => {
    const file = path.join(dir, 'large.csv.part');
    const spool = new CsvSpool(file, 100);
    for (const l of lines) await spool.write(l);
    await spool.close();
    expect(existsSync(file)).toBe(true);
    expect(await readAll(spool)).toBe(lines.join(''));
    expect(existsSync(file)).toBe(false);
  });
});
