/**
 * A LIKE pattern matching `term` anywhere, with LIKE's own wildcards in it taken literally (PostgreSQL's
 * default escape character is the backslash).
 */
export const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
