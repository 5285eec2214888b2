/**
 * The Portuguese tax authority's NIF lookup (T4) behind an interface: who a NIF belongs to. Only the
 * simulator exists; a real client is configuration once one is written. As with VIES (T5),
 * "unavailable" (the authority's service did not answer) is not "not-found": the caller decides
 * what it means.
 */
export type NifLookupAnswer = { status: 'found'; name: string } | { status: 'not-found' } | { status: 'unavailable' };

export interface NifLookup {
  /** `nif`: the 9 digits, with or without the PT prefix accounts store it with. */
  lookup(nif: string): Promise<NifLookupAnswer>;
}

// The same rule as isValidPortugueseNif in src/modules/accounts/tax-id.ts, which the core may not
// import (the core imports no module); nif-lookup.test.ts checks that the two agree.
// First digits the authority assigns: individuals 1–3, non-resident individuals 45, companies 5,
// public bodies 6, special entities 70–79 (except 73, 76, 78), sole traders 8, irregular and
// non-resident entities 90, 91, 98, 99.
const ptLeading = /^(1|2|3|45|5|6|70|71|72|74|75|77|79|8|90|91|98|99)/;

/** 9 digits, a valid leading group, and the mod-11 check digit (a remainder of 0 or 1 gives 0). */
function isPortugueseNif(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || !ptLeading.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  const rest = sum % 11;
  return (rest < 2 ? 0 : 11 - rest) === Number(digits[8]);
}

/**
 * The simulator, deterministic so that tests and demos can ask for each answer:
 * - a NIF that is not a valid Portuguese NIF (length, leading digits, check digit) is `not-found`;
 * - a valid NIF whose three digits before the check digit are 999 (e.g. 123459990) finds the
 *   authority's service down: `unavailable`;
 * - any other valid NIF is `found`, with a synthetic name: an entity (first digit 5, 6, 7 or 9) is
 *   "Empresa <nif> Lda", a person (1, 2, 3, 45, or a sole trader's 8) "Titular <nif>".
 */
export function nifLookupSimulator(): NifLookup {
  return {
    async lookup(nif) {
      const digits = nif.startsWith('PT') ? nif.slice(2) : nif;
      if (!isPortugueseNif(digits)) return { status: 'not-found' };
      if (digits.slice(5, 8) === '999') return { status: 'unavailable' };
      const entity = /^[5679]/.test(digits);
      return { status: 'found', name: entity ? `Empresa ${digits} Lda` : `Titular ${digits}` };
    },
  };
}
