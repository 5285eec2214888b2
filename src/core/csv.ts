/** RFC 4180 CSV: one cell quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function toCsv(rows: Record<string, string>[]): string {
  if (rows.length === 0) return '';
  const head = Object.keys(rows[0]!);
  return csvLine(head) + rows.map((r) => csvLine(head.map((h) => r[h] ?? ''))).join('');
}
