/**
 * Where to go back to after signing in or up: a path on this site, nothing else. Anything that a
 * browser could read as another site (`//host`, `/\host`, a scheme, control characters it would
 * drop) is refused, and the path is taken back from the URL it resolves to on this origin.
 *
 * Checked where the address is read (the routes' search) and again where it is followed: the
 * router keeps search parameters its validation left out, so the value read is not always the one
 * checked.
 */
export function returnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return undefined;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return undefined;
  try {
    const url = new URL(value, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : undefined;
  } catch {
    return undefined;
  }
}
