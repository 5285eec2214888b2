/**
 * The EU's VAT number check (VIES, T5) behind an interface: the simulator by default; a real client
 * is configuration (VIES_URL) once one is written against the Commission's REST service. "Unavailable"
 * (the member state's service is down) is not "invalid": the caller decides what it means.
 */
export type ViesAnswer = 'valid' | 'invalid' | 'unavailable';

export interface VatNumberCheck {
  /** `vatNumber` with its country prefix (EL for Greece), as accounts store it. */
  check(vatNumber: string): Promise<ViesAnswer>;
}

/**
 * The simulator: a number whose digits end in 000 is unknown to VIES (invalid), one ending in 999
 * finds the member state's service down (unavailable); any other well-formed number is valid (the
 * account's number was already checked for its check digits when it was given).
 */
export function viesSimulator(): VatNumberCheck {
  return {
    async check(vatNumber) {
      if (!/^[A-Z]{2}[0-9A-Z]{2,13}$/.test(vatNumber)) return 'invalid';
      if (vatNumber.endsWith('999')) return 'unavailable';
      if (vatNumber.endsWith('000')) return 'invalid';
      return 'valid';
    },
  };
}
