import type { Db } from '../db/database.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { DataMap } from './data-map.js';
import { createErasure } from './erasure.js';
import { createIdentifierScan } from './identifier-scan.js';
import { createSubjectExport } from './subject-export.js';
import { subjectGraph } from './subject-graph.js';

export type { SubjectRef } from './subject-graph.js';
export { ErasureResidueError, type JournalEntry } from './erasure.js';

/**
 * The privacy engine: walks the data map from a subject to every row that is theirs, to export it
 * or erase it. A module needs no code of its own for this, only its declarations.
 */
export function createPrivacyEngine(deps: { db: Db; map: DataMap; audit: AuditLog; hashKey: Buffer }) {
  const tables = deps.map.tables;
  const graph = subjectGraph(tables);
  const scan = createIdentifierScan({ tables, graph });
  const { exportSubject, subjectsByEmail } = createSubjectExport({ db: deps.db, tables, graph });
  const { eraseSubject, erasureJournal, replayErasures } = createErasure({
    db: deps.db,
    tables,
    graph,
    scan,
    audit: deps.audit,
    hashKey: deps.hashKey,
  });
  return {
    tablesOf: graph.tablesOf,
    exportSubject,
    eraseSubject,
    identifiersOf: scan.identifiersOf,
    findResidue: scan.findResidue,
    subjectsByEmail,
    erasureJournal,
    replayErasures,
  };
}
export type PrivacyEngine = ReturnType<typeof createPrivacyEngine>;
