/**
 * First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection): a
 * value such as `=HYPERLINK(…)` in someone's address must open as text, not run.
 */
const formulaLeaders = ['=', '+', '-', '@', '\t', '\r'] as const;

/** A value that cannot start a formula: prefixed with a single quote, which spreadsheets hide. */
export function neutraliseFormula(value: string): string {
  return (formulaLeaders as readonly string[]).includes(value.charAt(0)) ? `'${value}` : value;
}

/** RFC 4180 CSV: one cell quoted when it holds a comma, quote or line break; never a formula. */
export function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * The CSV line (without its line break) of a record's values in `columns`' order: a missing or null
 * value as an empty cell, an object or array as its JSON, anything else as its text.
 */
export function csvLineOf(record: Record<string, unknown>, columns: readonly string[]): string {
  return columns
    .map((column) => {
      const value = record[column];
      if (value === null || value === undefined) return '';
      return csvCell(typeof value === 'object' ? JSON.stringify(value) : String(value));
    })
    .join(',');
}

export function toCsv(rows: Record<string, string>[]): string {
  if (rows.length === 0) return '';
  const head = Object.keys(rows[0]!);
  return csvLine(head) + rows.map((r) => csvLine(head.map((h) => r[h] ?? ''))).join('');
}
