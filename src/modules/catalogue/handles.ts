/**
 * A product's or collection's handle from its title, the way merchants know from Shopify:
 * "Camisola Azul — Algodão" becomes "camisola-azul-algodao".
 */
export function handleFromTitle(title: string): string {
  const handle = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 90)
    .replace(/-+$/g, '');
  return handle || 'item';
}

/** The first of `base`, `base-2`, `base-3`, … that `taken` does not hold. */
export function firstFreeHandle(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
