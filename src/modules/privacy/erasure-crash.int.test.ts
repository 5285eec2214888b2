import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHash } from '../../core/crypto/tokens.js';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';
import type { ErasureStep } from './erasure.use-case.js';

const steps: ErasureStep[] = [
  'planned',
  'request-detached',
  'subject-erased',
  'committing',
  'committed',
  'archives-deleted',
];

let t: TestApp;
/** The step at which the next erasure stops, once. */
let crashAt: ErasureStep | null = null;
beforeAll(async () => {
  t = await createTestApp({
    onError: () => undefined,
    erasureFaults: (step) => {
      if (step === crashAt) {
        crashAt = null;
        throw new Error(`crashed at ${step}`);
      }
    },
  });
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3_600_000;
const journalFor = async (accountId: string) =>
  t.platform.db
    .selectFrom('erasure_journal')
    .select('id')
    .where('subject_ref', '=', keyedHash(t.platform.secrets.hashKey, `customer:${accountId}`))
    .execute();

describe('an erasure stopped at any step is finished by the retry, once (#8)', () => {
  it.each(steps)('stopped at "%s"', async (step) => {
    const staff = await staffSession(t, ['privacy']);
    const { body, cookie, account } = await signUp(t.app);
    const ask = (type: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/requests',
        headers: { cookie },
        payload: { type, confirmPassword: body.password },
      });
    // An earlier access request leaves an archive on disk, which the erasure must delete.
    const access = (await ask('access')).json();
    await t.platform.jobs.runDue();
    const archive = (
      await t.platform.db
        .selectFrom('privacy_request')
        .select('download_file')
        .where('id', '=', access.id)
        .executeTakeFirstOrThrow()
    ).download_file!;
    expect(existsSync(archive)).toBe(true);

    const req = (await ask('erasure')).json();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/privacy/requests/${req.id}/approve`,
      headers: { cookie: staff.cookie },
    });
    crashAt = step;
    expect((await t.platform.jobs.runDue()).failed).toBe(1);
    expect(crashAt).toBeNull();

    const committed = steps.indexOf(step) >= steps.indexOf('committed');
    const request = await t.platform.db
      .selectFrom('privacy_request')
      .selectAll()
      .where('id', '=', req.id)
      .executeTakeFirstOrThrow();
    if (!committed) {
      // Nothing happened: the request still names its subject, who still signs in.
      expect(request).toMatchObject({ status: 'in_progress', account_id: account.id });
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: body.email, password: body.password },
      });
      expect(login.statusCode).toBe(200);
      expect(await journalFor(account.id)).toHaveLength(0);
    }

    t.clock.advance(HOUR); // past the job's retry delay
    await t.platform.jobs.runDue();
    await t.platform.jobs.runDue();

    expect(await t.platform.db.selectFrom('account').select('id').where('id', '=', account.id).execute()).toEqual([]);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: body.email, password: body.password },
        })
      ).statusCode,
    ).toBe(401);
    expect(await journalFor(account.id)).toHaveLength(1);
    const after = await t.platform.db
      .selectFrom('privacy_request')
      .selectAll()
      .where('id', '=', req.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'completed', account_id: null, requester_email: null, details: null });
    const completions = await t.platform.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'privacy.request.complete')
      .where('target_id', '=', req.id)
      .execute();
    expect(completions).toHaveLength(1);
    expect(existsSync(archive)).toBe(false);
  });

  it("the operator command deletes the subject's earlier archives too", async () => {
    const { body, cookie, account } = await signUp(t.app);
    const access = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/requests',
        headers: { cookie },
        payload: { type: 'access', confirmPassword: body.password },
      })
    ).json();
    await t.platform.jobs.runDue();
    const archive = (
      await t.platform.db
        .selectFrom('privacy_request')
        .select('download_file')
        .where('id', '=', access.id)
        .executeTakeFirstOrThrow()
    ).download_file!;
    expect(existsSync(archive)).toBe(true);
    const { operatorCommands } = await import('../../cli/operator-commands.js');
    const result = await operatorCommands['privacy-erase'](t.platform, { account: account.id });
    expect(result.exitCode).toBe(0);
    expect(existsSync(archive)).toBe(false);
    expect(await journalFor(account.id)).toHaveLength(1);
  });
});
