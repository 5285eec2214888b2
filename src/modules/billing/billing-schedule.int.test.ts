import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDbKind, type TestApp } from '../../../test/harness.js';
import { BILLING_RUN_JOB } from './index.js';

const hour = 3_600_000;
const runs = async (t: TestApp) =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from job where kind = ${BILLING_RUN_JOB}`.execute(t.platform.db))
      .rows[0]!.n,
  );

describe('the billing run on its schedule (#11 §4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('queues one run per interval, and the run does the billing', async () => {
    const before = await runs(t);
    expect(await t.platform.jobs.enqueueScheduled()).toBe(1);
    expect(await t.platform.jobs.enqueueScheduled()).toBe(0); // not yet due again
    t.clock.set(new Date(t.clock.now().getTime() + hour - 1000));
    expect(await t.platform.jobs.enqueueScheduled()).toBe(0);
    t.clock.set(new Date(t.clock.now().getTime() + 1000));
    expect(await t.platform.jobs.enqueueScheduled()).toBe(1);
    expect(await runs(t)).toBe(before + 2);
    const ran = await t.platform.jobs.runDue();
    expect(ran.failed).toBe(0);
    const left = await sql<{
      n: string;
    }>`select count(*) as n from job where kind = ${BILLING_RUN_JOB} and done_at is null`.execute(t.platform.db);
    expect(Number(left.rows[0]!.n)).toBe(0);
  });
});

// Several app servers tick at the same moment: the schedule queues one run between them.
describe.skipIf(testDbKind !== 'postgres')('the billing schedule on several app servers', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<TestApp['anotherServer']>>;
  beforeAll(async () => {
    a = await createTestApp();
    b = await a.anotherServer();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('queues one run per interval whichever servers tick', async () => {
    a.clock.set(new Date(a.clock.now().getTime() + 10 * hour));
    const queued = await Promise.all([
      a.platform.jobs.enqueueScheduled(),
      b.platform.jobs.enqueueScheduled(),
      a.platform.jobs.enqueueScheduled(),
      b.platform.jobs.enqueueScheduled(),
    ]);
    expect(queued.reduce((x, y) => x + y, 0)).toBe(1);
  });
});
