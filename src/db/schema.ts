import type { CoreTables } from '../core/db/core.tables.js';
import type { ModuleTables } from '../module-list.js';

export type { ErasureJournalTable, SchemaMigrationTable } from '../core/db/core.tables.js';

/** The whole schema as Kysely sees it: the machinery's tables and every module's own. */
export type Database = CoreTables & ModuleTables;
