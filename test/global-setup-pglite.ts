import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import type { TestProject } from 'vitest/node';
import { systemClock } from '../src/core/clock.js';
import { pgliteExtensions } from '../src/core/db/database.js';
import { migrate } from '../src/core/db/migrate.js';
import { pgliteDialect } from '../src/core/db/pglite-dialect.js';
import type { Database } from '../src/db/schema.js';

/** Migrates once into a PGlite data-dir dump; every test file starts from a copy of it. */
export default async function setup(project: TestProject) {
  const dir = path.resolve('.tmp');
  mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  const db = new Kysely<Database>({ dialect: pgliteDialect(pglite) });
  await migrate(db, systemClock);
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(dir, `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplate', file);
  return () => rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
