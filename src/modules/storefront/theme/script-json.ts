/**
 * JSON that is safe inside <script>: `<`, `>` and `&` become \u escapes so no `</script>` or
 * `<!--` can close or confuse the element, and U+2028/U+2029 too (line terminators to old JS parsers).
 * The result is still valid JSON meaning the same thing.
 */
export function scriptSafeJson(value: unknown, space?: number): string {
  return (JSON.stringify(value, null, space) ?? 'null').replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
