/** Whether a database error is a unique-constraint violation (SQLSTATE 23505), on either driver. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
}

/** The constraint a database error names (both drivers report it), to tell the client which field clashed. */
export function constraintOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null ? (e as { constraint?: string }).constraint : undefined;
}
