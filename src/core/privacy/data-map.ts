import type { Category, LegalBasis, Purpose, Recipient, StorageRegion, Subject } from './vocabulary.js';
import type { RetentionRuleId } from './retention-rules.js';
import { isDataKey, type DataKey } from './data-keys.js';
import type { Localised } from './languages.js';

export interface PersonalColumn {
  personal: true;
  category: Category;
  /** Fine-grained kind of datum, e.g. contact.email, device.ip_address: the policy names it in plain words (data-keys.ts). */
  key: DataKey;
  purposes: readonly Purpose[];
  basis: LegalBasis;
  retention: RetentionRuleId;
  regions: readonly StorageRegion[];
  recipients: readonly Recipient[];
  /** Identifies the person on its own (email, phone, NIF, IP, name): the erasure residue scan looks for these. */
  identifier: boolean;
  /** `omit`: never exported, not even to its owner (password hashes). */
  export: 'include' | 'omit';
  /** Where it comes from (Art. 14/15): given by the person, or produced by their use of the platform. */
  source: 'subject' | 'usage';
  description?: string;
  /**
   * For tables erased by `anonymise` only: what happens to this column when the row must remain.
   * `null` clears it, `redact` writes a fixed marker, `hold` keeps it under legal hold (fiscal
   * fields of an invoice, RT6/RT8): only allowed where the law is the basis for keeping it.
   */
  onErasure?: ErasureStrategy;
}

export type ErasureStrategy = 'null' | 'redact' | 'hold';
export const REDACTED = '[erased]';

export interface NotPersonalColumn {
  personal: false;
  why: string;
}

export type ColumnDeclaration = PersonalColumn | NotPersonalColumn;

/** Whose row this is: the subject id column itself, or a reference to another declared table. */
export type Owner = { column: string } | { via: string; to: `${string}.${string}` };

export interface TableDeclaration {
  description: string;
  /** What the privacy policy calls these records, e.g. "Sign-in history" (the policy's test requires it once a column is personal). */
  label?: Localised;
  /** Absent for tables that hold no personal data. */
  subject?: Subject;
  owner?: Owner;
  /**
   * How an erasure treats the subject's rows: `delete` them (the default), or `forget-identifiers`:
   * keep the row and null its identifier columns (an append-only log whose chain must hold), or
   * `anonymise`: keep the row, apply each personal column's `onErasure`, and detach it from the
   * subject by clearing the owner reference (orders a merchant still needs, invoices under legal
   * hold), or `with-parent`: keep the rows as they are, for they hold nothing personal and stop
   * being the subject's when the anonymised row they hang off is detached (an order's lines and
   * timeline: exported with the order, kept with it).
   */
  erasure?: 'delete' | 'forget-identifiers' | 'anonymise' | 'with-parent';
  /**
   * Set when the rows are formal documents (D7: invoices, terms accepted, conversations, requests
   * and our answers): the access report lists them under this title.
   */
  document?: string;
  columns: Record<string, ColumnDeclaration>;
}

export type TableDeclarations = Record<string, TableDeclaration>;

type PersonalInput = Omit<PersonalColumn, 'personal' | 'identifier' | 'export' | 'regions' | 'recipients' | 'source'> &
  Partial<Pick<PersonalColumn, 'identifier' | 'export' | 'regions' | 'recipients' | 'source'>>;

// Data about devices, sessions and actions is produced by use; the rest is given by the person.
// (An approximate location is worked out from the IP address, so it is produced by use too.)
const usageKeys = /^(device|session|access|security|reference|location)\.|^consent\.time$|^account\.created_at$/;

export function personal(input: PersonalInput): PersonalColumn {
  return {
    personal: true,
    identifier: false,
    export: 'include',
    regions: ['servers', 'backups'],
    recipients: ['hosting', 'backup'],
    source: usageKeys.test(input.key) ? 'usage' : 'subject',
    ...input,
  };
}

export function notPersonal(why: string): NotPersonalColumn {
  return { personal: false, why };
}

export function declareTables<T extends TableDeclarations>(tables: T): T {
  return tables;
}

export interface DataMap {
  tables: TableDeclarations;
  /** Every problem with the declarations themselves (the live-schema check is separate). */
  problems: string[];
}

/**
 * Merges the modules' declarations and checks them: no table declared twice, every table with a
 * personal column names its subject, and is reachable from that subject through `owner`.
 */
export function buildDataMap(parts: TableDeclarations[]): DataMap {
  const tables: TableDeclarations = {};
  const problems: string[] = [];
  for (const part of parts) {
    for (const [name, decl] of Object.entries(part)) {
      if (tables[name]) problems.push(`table ${name} is declared twice`);
      tables[name] = decl;
    }
  }
  for (const [name, decl] of Object.entries(tables)) {
    const hasPersonal = Object.values(decl.columns).some((c) => c.personal);
    problems.push(...erasureProblems(name, decl), ...wordingProblems(name, decl));
    if (decl.erasure === 'with-parent') {
      const parent = decl.owner && 'via' in decl.owner ? tables[decl.owner.to.split('.')[0]!] : undefined;
      if (hasPersonal || !parent || !['anonymise', 'with-parent'].includes(parent.erasure ?? 'delete'))
        problems.push(
          `table ${name}: only a table without personal data whose owner row is anonymised can be kept with its parent`,
        );
    }
    if (!hasPersonal) continue;
    if (!decl.subject) problems.push(`table ${name} holds personal data but names no subject`);
    if (!decl.owner) {
      problems.push(`table ${name} holds personal data but has no owner`);
      continue;
    }
    // Follow references until a table that owns itself; a cycle or dead end means unreachable.
    const seen = new Set<string>();
    let current: string | undefined = name;
    while (current) {
      if (seen.has(current)) {
        problems.push(`table ${name}: owner references form a cycle`);
        break;
      }
      seen.add(current);
      const d: TableDeclaration | undefined = tables[current];
      if (!d?.owner) {
        problems.push(`table ${name} is not reachable from its subject (stops at ${current})`);
        break;
      }
      if ('column' in d.owner) {
        if (!d.columns[d.owner.column])
          problems.push(`table ${current}: owner column ${d.owner.column} is not declared`);
        break;
      }
      if (!d.columns[d.owner.via]) problems.push(`table ${current}: reference column ${d.owner.via} is not declared`);
      current = d.owner.to.split('.')[0];
    }
  }
  return { tables, problems };
}

/**
 * The type already refuses an unknown key in a declaration; this catches one that arrives another
 * way (a cast, a generated declaration), so the policy never has to print a bare key.
 */
function wordingProblems(name: string, decl: TableDeclaration): string[] {
  return Object.entries(decl.columns).flatMap(([col, c]) =>
    c.personal && !isDataKey(c.key)
      ? [
          `table ${name}: column ${col} has data key ${String(c.key)}, which the privacy policy has no words for (add it to data-keys.ts)`,
        ]
      : [],
  );
}

/** An anonymised table says what becomes of each personal column; only a legal obligation justifies a hold. */
function erasureProblems(name: string, decl: TableDeclaration): string[] {
  const problems: string[] = [];
  for (const [col, c] of Object.entries(decl.columns)) {
    if (!c.personal) continue;
    if (decl.erasure === 'anonymise' && !c.onErasure)
      problems.push(`table ${name}: column ${col} needs onErasure (the table is anonymised on erasure)`);
    if (decl.erasure !== 'anonymise' && c.onErasure)
      problems.push(`table ${name}: column ${col} has onErasure but the table is not anonymised on erasure`);
    if (c.onErasure === 'hold' && c.basis !== 'legal-obligation')
      problems.push(`table ${name}: column ${col} is held on erasure without a legal obligation`);
  }
  if (decl.erasure === 'anonymise' && decl.owner && 'column' in decl.owner)
    problems.push(
      `table ${name}: only a table reached through a reference can be anonymised (it is detached from its subject)`,
    );
  return problems;
}

/** Compares declarations with the live schema's columns. */
export function compareWithSchema(
  map: DataMap,
  live: { table: string; column: string }[],
): { undeclared: string[]; stale: string[] } {
  const liveSet = new Set(live.map((c) => `${c.table}.${c.column}`));
  const declared = new Set(
    Object.entries(map.tables).flatMap(([t, d]) => Object.keys(d.columns).map((c) => `${t}.${c}`)),
  );
  return {
    undeclared: [...liveSet].filter((c) => !declared.has(c)).sort(),
    stale: [...declared].filter((c) => !liveSet.has(c)).sort(),
  };
}
