import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { PersonalColumn, TableDeclaration, TableDeclarations } from './data-map.js';
import type { Subject } from './vocabulary.js';

export interface SubjectRef {
  kind: Subject;
  id: string;
  /**
   * The shop a subject kept per shop (a shopper) belongs to. Every shop table's key starts with
   * `shop_id`: a condition that carries it is an index lookup, one without it scans every shop.
   */
  shopId?: string;
}

export type Executor = Kysely<any>;

export const personalColumns = (decl: TableDeclaration) =>
  Object.entries(decl.columns).filter((e): e is [string, PersonalColumn] => e[1].personal);
export const identifierColumns = (decl: TableDeclaration) => personalColumns(decl).filter(([, c]) => c.identifier);

/** How a subject's rows are reached through the data map's `owner` declarations. */
export function subjectGraph(tables: TableDeclarations) {
  /**
   * The SQL condition selecting `table`'s rows that belong to the subject, following `owner`
   * references; `alias` names the table in the query when it is not its own name.
   */
  function ownedBy(table: string, subject: SubjectRef, alias = table): RawBuilder<boolean> {
    const decl = tables[table]!;
    const owner = decl.owner!;
    const inShop =
      subject.shopId !== undefined && 'shop_id' in decl.columns
        ? sql`${sql.ref(`${alias}.shop_id`)} = ${subject.shopId} and `
        : sql``;
    if ('column' in owner) return sql<boolean>`${inShop}${sql.ref(`${alias}.${owner.column}`)} = ${subject.id}`;
    const [toTable, toColumn] = owner.to.split('.') as [string, string];
    // A reference to the subject's own key needs no join: the reference holds the subject id.
    const parent = tables[toTable]!.owner!;
    if ('column' in parent && parent.column === toColumn)
      return sql<boolean>`${inShop}${sql.ref(`${alias}.${owner.via}`)} = ${subject.id}`;
    return sql<boolean>`${inShop}${sql.ref(`${alias}.${owner.via}`)} in (select ${sql.ref(`${toTable}.${toColumn}`)} from ${sql.table(toTable)} where ${ownedBy(toTable, subject)})`;
  }

  /** Tables holding this kind of subject's data, children before the tables they point to. */
  function tablesOf(kind: Subject): string[] {
    const own = Object.entries(tables)
      .filter(([, d]) => d.subject === kind && d.owner)
      .map(([t]) => t);
    return own.sort((a, b) => depthOf(b) - depthOf(a) || a.localeCompare(b));
  }
  const depthOf = (t: string): number => {
    const o = tables[t]!.owner!;
    return 'column' in o ? 0 : 1 + depthOf(o.to.split('.')[0]!);
  };

  /**
   * Tables whose rows are subjects themselves (the owner is a column of the row: an account, a
   * visitor's request intake), with that column: where a subject exists and is found.
   */
  const subjectTables = () =>
    Object.entries(tables).flatMap(([table, decl]) =>
      decl.subject && decl.owner && 'column' in decl.owner
        ? [{ table, decl, subject: decl.subject, idColumn: decl.owner.column }]
        : [],
    );

  return { ownedBy, tablesOf, subjectTables };
}
export type SubjectGraph = ReturnType<typeof subjectGraph>;
