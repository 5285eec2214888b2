import { isValidPortugueseNif } from './pt-nif.js';

/**
 * The Portuguese tax authority's NIF lookup (T4) behind an interface: who a NIF belongs to. Only the
 * simulator exists; a real client is configuration once one is written. As with VIES (T5),
 * "unavailable" (the authority's service did not answer) is not "not-found": the caller decides
 * what it means.
 */
export type NifLookupAnswer =
  { status: 'found'; name: string; taxOffice: string } | { status: 'not-found' } | { status: 'unavailable' };

export interface NifLookup {
  /** `nif`: the 9 digits, with or without the PT prefix accounts store it with. */
  lookup(nif: string): Promise<NifLookupAnswer>;
}

export function nifLookupSimulator(): NifLookup {
  return {
    async lookup(nif) {
      const digits = nif.startsWith('PT') ? nif.slice(2) : nif;
      if (!isValidPortugueseNif(digits)) return { status: 'not-found' };
      if (digits.slice(5, 8) === '999') return { status: 'unavailable' };
      // A well-formed NIF the authority never assigned: 888 just before the check digit.
      if (digits.slice(5, 8) === '888') return { status: 'not-found' };
      const entity = /^[5679]/.test(digits);
      // A tax office (serviço de finanças) code of the simulator's own: 4 digits from the NIF.
      const taxOffice = `Serviço de Finanças ${String(Number(digits.slice(1, 5)) % 4000).padStart(4, '0')}`;
      return { status: 'found', name: entity ? `Empresa ${digits} Lda` : `Titular ${digits}`, taxOffice };
    },
  };
}
