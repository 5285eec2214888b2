/**
 * Audited writes per second from 16 concurrent clients: each client changes its own account and
 * records the audit entry in the same transaction, as every audited service call does. PGlite
 * (one connection: the ceiling is one writer), and PostgreSQL when DATABASE_URL or
 * TEST_DATABASE_URL is set, where a platform-wide chain lock would serialise the clients.
 * The ceiling is the same transaction without the audit entry.
 */
import { performance } from 'node:perf_hooks';
import { insertBenchAccounts, onEachDatabase, withBenchPlatform } from './bench-databases.js';
import { operatorContext } from '../src/core/context.js';
import { auditedChange } from './audit-writer.js';

const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);

async function measure(clients: number, once: (client: number) => Promise<void>): Promise<number> {
  let done = 0;
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < end) {
        await once(c);
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

await onEachDatabase('sellrocket-abench', (label, target) =>
  withBenchPlatform(target.kind === 'postgres' ? { ...target, poolSize: CLIENTS + 2 } : target, async (p) => {
    const now = new Date();
    await insertBenchAccounts(p, 'acc_bench', 0, CLIENTS - 1, now);
    const ctx = operatorContext(now);
    const plain = await measure(CLIENTS, async (c) => {
      await p.db.transaction().execute(async (tx) => {
        await tx.updateTable('account').set({ updated_at: new Date() }).where('id', '=', `acc_bench${c}`).execute();
      });
    });
    const audited = await measure(CLIENTS, (c) => auditedChange(p, ctx, `acc_bench${c}`));
    const verify = await p.audit.verify();
    if (!verify.ok) throw new Error(`The audit chain does not verify after the bench: ${verify.reason}`);
    console.log(`\n${label}: ${CLIENTS} clients, ${SECONDS} s each`);
    console.log(`  change without audit (ceiling)   ${plain.toFixed(0).padStart(7)} tx/s`);
    console.log(
      `  change + audit entry             ${audited.toFixed(0).padStart(7)} tx/s   ${(audited / plain).toFixed(2)}x of the ceiling; chain verified (${verify.checked} entries)`,
    );
  }),
);
