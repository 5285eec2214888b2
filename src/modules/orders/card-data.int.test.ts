import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseDump, expectNoCardData } from '../../../test/card-data.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { approvedCard, checkoutBody, declinedCard, shopper, shopWithProducts } from '../../../test/shop-fixture.js';

const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  t = await createTestApp({ logStream: stream, env: { LOG_LEVEL: 'debug' } });
});
afterAll(async () => {
  await t?.close();
});

describe('the platform never stores a shopper’s card number or security code (#9 §4)', () => {
  it('keeps neither in any table nor in the logs, after an approved, a declined and a refused checkout', async () => {
    const s = await shopWithProducts(t, [5]);
    const b = shopper(t, s.host);
    await b.add(s.variants[0]!);
    expect((await b.checkout(checkoutBody(approvedCard), 'pci-approved')).statusCode).toBe(201);
    await b.add(s.variants[0]!);
    expect((await b.checkout(checkoutBody(declinedCard), 'pci-declined')).statusCode).toBe(402);
    // Refused at the edge (the code has a digit too many): the failed request is logged.
    const refused = await b.checkout(checkoutBody({ ...approvedCard, cvc: '3181' }), 'pci-refused');
    expect(refused.statusCode).toBe(422);
    await t.platform.jobs.runDue();

    const dump = await databaseDump(t);
    expect(dump.tables).toBeGreaterThan(30);
    // The dump does hold what may be kept: brand and last four digits.
    expect(dump.text).toContain('4242');
    const logs = lines.join('');
    expect(logs).toContain('/checkout.js');
    expectNoCardData({ database: dump.text, logs }, [approvedCard, declinedCard], ['3181']);
  });
});
