/**
 * Export and erasure of one subject holding 10,000 records across modules, against the plain
 * SELECT/DELETE of the same rows, on a database that also holds 100,000 other subjects; plus the
 * post-erasure verification scan on its own. PGlite, and PostgreSQL when DATABASE_URL or
 * TEST_DATABASE_URL is set. Target: export and erasure within 3× the plain statements.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { insertBenchAccounts, onEachDatabase, withBenchPlatform } from './bench-databases.js';
import { operatorContext } from '../src/core/context.js';
import type { DatabaseTarget } from '../src/core/db/database.js';
import { buildPolicy, writeSubjectArchive } from '../src/modules/privacy/index.js';
import { createPlatform } from '../src/platform.js';

const OTHERS = Number(process.env.BENCH_OTHER_SUBJECTS ?? 100_000);
/** Each figure is the median of this many runs: one run on a shared 2-core machine is mostly noise. */
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** Records of the measured subject: 60% sign-ins, 20% sessions, 20% consent decisions. */
const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function seedSubject(db: ReturnType<typeof createPlatform>['db'], id: string) {
  const now = new Date();
  await sql`insert into account (id, first_name, last_name, email, phone, company, nif, address_line1, address_line2, postal_code, city, country, password_hash, created_at, updated_at)
    values (${id}, 'Bench', ${`Subject ${id}`}, ${`${id}@bench.example`}, '+351912345678', 'Bench Lda', 'PT501964843', 'Rua 1', null, '1000-001', 'Lisboa', 'PT', 'x', ${now}, ${now})`.execute(
    db,
  );
  const [signIns, sessions, consents] = [RECORDS * 0.6, RECORDS * 0.2, RECORDS * 0.2].map(Math.round) as [
    number,
    number,
    number,
  ];
  await sql`insert into account_access (id, account_id, kind, ip, user_agent, at)
    select ${id} || '_a' || g, ${id}, 'login', '198.51.100.' || (g % 250), 'Bench/1.0', ${now}::timestamptz - (g || ' minutes')::interval from generate_series(1, ${signIns}) g`.execute(
    db,
  );
  await sql`insert into account_session (id, account_id, token_hash, ip, user_agent, created_at, last_seen_at, expires_at)
    select ${id} || '_s' || g, ${id}, ${id} || '_t' || g, '198.51.100.' || (g % 250), 'Bench/1.0', ${now}, ${now}, ${now} from generate_series(1, ${sessions}) g`.execute(
    db,
  );
  await sql`insert into consent_record (id, account_id, purpose, granted, notice_version, notice_hash, method, ip, user_agent, recorded_at)
    select ${id} || '_c' || g, ${id}, 'marketing', g % 2 = 0, 'v1', 'h', 'api', '198.51.100.' || (g % 250), 'Bench/1.0', ${now} from generate_series(1, ${consents}) g`.execute(
    db,
  );
}

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function run(label: string, target: DatabaseTarget) {
  await withBenchPlatform(target, async (p) => {
    const dir = p.config.dataDir;
    const now = new Date();
    await insertBenchAccounts(p, 'acc_other', 1, OTHERS, now);
    await sql`insert into account_access (id, account_id, kind, ip, user_agent, at)
      select 'acx_other' || g, 'acc_other' || g, 'signup', '192.0.2.' || (g % 250), 'Other/1.0', ${now} from generate_series(1, ${OTHERS}) g`.execute(
      p.db,
    );
    await sql`analyze`.execute(p.db);
    const tables = p.privacy.tablesOf('customer');
    const policy = buildPolicy(p.dataMap, await p.processors.list(), p.config.controller);

    await seedSubject(p.db, 'acc_benchexport');
    const selects: number[] = [];
    const exports: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      selects.push(
        await time(async () => {
          for (const t of ['account', 'account_access', 'account_session', 'consent_record']) {
            await sql`select * from ${sql.table(t)} where ${sql.ref(t === 'account' ? 'id' : 'account_id')} = 'acc_benchexport'`.execute(
              p.db,
            );
          }
        }),
      );
      exports.push(
        await time(() =>
          writeSubjectArchive(
            p.privacy,
            { kind: 'customer', id: 'acc_benchexport' },
            policy,
            path.join(dir, 'x.zip'),
            new Date(),
          ),
        ),
      );
    }

    const deletes: number[] = [];
    const erasures: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await seedSubject(p.db, `acc_benchplain${i}`);
      await seedSubject(p.db, `acc_bencherase${i}`);
      deletes.push(
        await time(() =>
          p.db.transaction().execute(async (tx) => {
            for (const t of ['consent_record', 'account_session', 'account_access'])
              await sql`delete from ${sql.table(t)} where account_id = ${`acc_benchplain${i}`}`.execute(tx);
            await sql`delete from account where id = ${`acc_benchplain${i}`}`.execute(tx);
          }),
        ),
      );
      erasures.push(
        await time(() =>
          p.privacy.eraseSubject(operatorContext(new Date()), { kind: 'customer', id: `acc_bencherase${i}` }),
        ),
      );
    }

    await seedSubject(p.db, 'acc_benchscan');
    const ids = await p.privacy.identifiersOf(p.db, { kind: 'customer', id: 'acc_benchscan' });
    const scans: number[] = [];
    for (let i = 0; i < RUNS; i++)
      scans.push(await time(() => p.privacy.findResidue(p.db, { kind: 'customer', id: 'acc_benchscan' }, ids)));
    const [engineExport, plainSelect, engineErase, plainDelete, scan] = [
      exports,
      selects,
      erasures,
      deletes,
      scans,
    ].map(median) as [number, number, number, number, number];

    console.log(
      `\n${label}: one subject with ${RECORDS.toLocaleString('en')} records, ${OTHERS.toLocaleString('en')} other subjects, ${tables.length} customer tables, median of ${RUNS} runs`,
    );
    console.log(
      `  export  (archive: manifest, JSON, CSV, report)  ${engineExport.toFixed(0).padStart(6)} ms   plain SELECT ${plainSelect.toFixed(0).padStart(5)} ms   ratio ${(engineExport / plainSelect).toFixed(2)}`,
    );
    console.log(
      `  erasure (incl. identifier purge and verify)     ${engineErase.toFixed(0).padStart(6)} ms   plain DELETE ${plainDelete.toFixed(0).padStart(5)} ms   ratio ${(engineErase / plainDelete).toFixed(2)}`,
    );
    console.log(`  verification scan alone                          ${scan.toFixed(0).padStart(6)} ms`);
  });
}

await onEachDatabase('sellrocket_pbench', run);
