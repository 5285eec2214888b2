import { describe, expect, it } from 'vitest';
import { isValidPortugueseNif, validateTaxId } from './tax-id.js';

/**
 * Published test vectors. Each list names the public repository, path (and the commit it was read
 * at) it was taken from. "valid" vectors must be accepted and stored in their compact form;
 * "invalid" vectors (wrong check digit or wrong shape) must be refused.
 */
interface VectorSet {
  /** Account country (ISO 3166-1 alpha-2) passed to validateTaxId. */
  country: string;
  source: string;
  valid: string[];
  invalid: string[];
}

const compact = (raw: string): string => raw.toUpperCase().replace(/[\s.\-/]/g, '');

const jsvatVectors: VectorSet[] = [
  {
    // se-panfilov/jsvat — test/countries_vat_lists/portugal.vat.js (commit 0d2b8245)
    country: 'PT',
    source: 'jsvat portugal.vat.js',
    valid: ['PT100000010', 'PT100000029', 'PT501413197', 'PT504141066', 'PT509626416', 'PT980405319'],
    invalid: ['PT502757192', 'PT100000012', 'PT100000022', 'PT100000192', 'PT100000052'],
  },
  {
    // se-panfilov/jsvat — test/countries_vat_lists/greece.vat.js (commit 2d36eea0); VAT prefix EL, country GR
    country: 'GR',
    source: 'jsvat greece.vat.js',
    valid: ['EL000000024', 'EL022188887', 'EL094012834', 'EL800420948', 'EL998920231'],
    invalid: ['EL000000022', 'EL000000032', 'EL000000042', 'EL000000202', 'EL000000082'],
  },
  {
    // se-panfilov/jsvat — test/countries_vat_lists/germany.vat.js (commit 0d2b8245)
    country: 'DE',
    source: 'jsvat germany.vat.js',
    valid: ['DE111111125', 'DE113298780', 'DE136695976', 'DE811209378', 'DE813495425'],
    invalid: ['DE111111126', 'DE111111127', 'DE000000020', 'DE000000206', 'DE000000159'],
  },
  {
    // se-panfilov/jsvat — test/countries_vat_lists/france.vat.js (commit 2d36eea0)
    country: 'FR',
    source: 'jsvat france.vat.js',
    valid: ['FR00300076965', 'FR03552081317', 'FR13393892815', 'FR61954506077', 'FR83404833048', 'FRAB012345678'],
    invalid: ['FR00300076967', 'FR90000000027', 'FR17000000037', 'FR41000000047', 'FR19000000068'],
  },
  {
    // se-panfilov/jsvat — test/countries_vat_lists/spain.vat.js (commit 2d36eea0)
    country: 'ES',
    source: 'jsvat spain.vat.js',
    valid: ['ESA0011012B', 'ES00000001R', 'ESA08017535', 'ESB12398087', 'ESQ0840005C', 'ESZ1234567R'],
    invalid: ['ESA0011012A', 'ES00000001A', 'ES00000003B', 'ES00000001D', 'ES00000019G'],
  },
  {
    // se-panfilov/jsvat — test/countries_vat_lists/italy.vat.js (commit 2d36eea0)
    country: 'IT',
    source: 'jsvat italy.vat.js',
    valid: ['IT00000010215', 'IT00079760328', 'IT00144659992', 'IT10001708881', 'IT01709820995'],
    invalid: ['IT00000010210', 'IT10000100010', 'IT0000300010', 'IT10001708882', 'IT10001709997'],
  },
  {
    // se-panfilov/jsvat — test/countries_vat_lists/netherlands.vat.js (commit 0d2b8245)
    country: 'NL',
    source: 'jsvat netherlands.vat.js',
    valid: ['NL010000446B01', 'NL000000024B01', 'NL004909665B07', 'NL800272912B01', 'NL123456789B13'],
    invalid: ['NL010000445B01', 'NL000000025B01', 'NL000000205B01', 'NL123456789B14'],
  },
  {
    // se-panfilov/jsvat — test/countries_vat_lists/belgium.vat.js (commit 2d36eea0)
    country: 'BE',
    source: 'jsvat belgium.vat.js',
    valid: ['BE0411905847', 'BE0424473582', 'BE430973770', 'BE0897221789', 'BE0400521314'],
    invalid: ['BE897221791', 'BE0897221791', 'BE1897221789', 'BE0000200334', 'BE60260262'],
  },
  {
    // se-panfilov/jsvat — test/countries_vat_lists/austria.vat.js (commit 0d2b8245)
    country: 'AT',
    source: 'jsvat austria.vat.js',
    valid: ['ATU00000024', 'ATU10223006', 'ATU28560205', 'ATU64487479', 'ATU66889218'],
    invalid: ['ATV66889218', 'ATU10223001', 'ATU10223005', 'ATU10223007'],
  },
];

const stdnumPortugueseVectors: VectorSet = {
  // arthurdejong/python-stdnum — stdnum/pt/nif.py module doctest (commit 152d4c5a):
  //   validate('PT 501 964 843') -> '501964843'; validate('PT 501 964 842') -> InvalidChecksum
  // arthurdejong/python-stdnum — tests/test_eu_vat.doctest, "found online and should all be valid"
  //   PT block (commit 0427b019). Formatting kept as published (spaces, dots, dashes).
  country: 'PT',
  source: 'python-stdnum pt/nif.py + tests/test_eu_vat.doctest',
  valid: [
    'PT 501 964 843',
    'PT 500 019 720',
    'PT 500135.495',
    'PT 502448911',
    'PT 506 030 636',
    'PT 507297687',
    'PT-505 856 468',
  ],
  invalid: ['PT 501 964 842'],
};

describe('validateTaxId — published vectors', () => {
  for (const set of [...jsvatVectors, stdnumPortugueseVectors]) {
    describe(`${set.country} (${set.source})`, () => {
      it.each(set.valid)('accepts %s', (raw) => {
        expect(validateTaxId(raw, set.country)).toEqual({ ok: true, value: compact(raw), country: set.country });
      });
      it.each(set.invalid)('refuses %s', (raw) => {
        expect(validateTaxId(raw, set.country).ok).toBe(false);
      });
    });
  }
});

describe('isValidPortugueseNif', () => {
  it('accepts bare 9-digit NIFs from the published lists', () => {
    for (const raw of [...jsvatVectors[0]!.valid, ...stdnumPortugueseVectors.valid]) {
      const digits = compact(raw).replace(/^PT/, '');
      expect(isValidPortugueseNif(digits), digits).toBe(true);
    }
  });

  it('refuses a prefix, wrong length or non-digits', () => {
    expect(isValidPortugueseNif('PT501964843')).toBe(false);
    expect(isValidPortugueseNif('50196484')).toBe(false);
    expect(isValidPortugueseNif('5019648430')).toBe(false);
    expect(isValidPortugueseNif('50196484X')).toBe(false);
  });

  // The numbers below were computed for this test: each has a correct mod-11 check digit,
  // so only the leading-digit rule decides.
  it.each(['450000001', '700000003', '980000009', '990000001'])(
    'accepts %s (valid leading group, correct check digit)',
    (digits) => {
      expect(isValidPortugueseNif(digits)).toBe(true);
    },
  );

  it.each([
    ['400000008', 'leading 4 without 5'],
    ['412345676', 'leading 41'],
    ['000000000', 'leading 0'],
    ['730000001', 'leading 73'],
    ['760000000', 'leading 76'],
    ['780000005', 'leading 78'],
  ])('refuses %s (%s, although mod-11 passes)', (digits) => {
    expect(isValidPortugueseNif(digits)).toBe(false);
    expect(validateTaxId(digits, 'PT').ok).toBe(false);
    expect(validateTaxId(`PT${digits}`, 'PT').ok).toBe(false);
  });
});

describe('validateTaxId — Portugal formatting', () => {
  it.each(['PT 501.964.843', '501-964-843', 'pt501964843', '501964843', ' PT501964843 '])(
    'normalises %j to PT501964843',
    (raw) => {
      expect(validateTaxId(raw, 'PT')).toEqual({ ok: true, value: 'PT501964843', country: 'PT' });
    },
  );

  it('refuses an empty or non-numeric value with a message', () => {
    const r = validateTaxId('', 'PT');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/NIF/);
    expect(validateTaxId('PT50196484A', 'PT').ok).toBe(false);
  });
});

describe('validateTaxId — EU prefix handling', () => {
  it('adds the country prefix when it is missing (GR uses EL)', () => {
    expect(validateTaxId('094012834', 'GR')).toEqual({ ok: true, value: 'EL094012834', country: 'GR' });
    expect(validateTaxId('el 094 012 834', 'GR')).toEqual({ ok: true, value: 'EL094012834', country: 'GR' });
    expect(validateTaxId('111111125', 'DE')).toEqual({ ok: true, value: 'DE111111125', country: 'DE' });
    expect(validateTaxId('ATU 285 602 05', 'AT')).toEqual({ ok: true, value: 'ATU28560205', country: 'AT' });
  });

  it.each([
    ['DE111111125', 'AT'],
    ['DE111111125', 'NL'],
    ['DE111111125', 'IT'],
    ['111111125', 'FR'],
    ['PT501964843', 'ES'],
    ['EL094012834', 'DE'],
    ['ATU28560205', 'BE'],
    ['FR83404833048', 'IT'],
    ['NL001079293B01', 'BE'],
  ])('refuses valid %s for the wrong country %s', (raw, country) => {
    expect(validateTaxId(raw, country).ok).toBe(false);
  });

  // France's key may hold letters, so a foreign prefix could pass as part of a French number.
  it.each([
    ['DE111111125', 'FR'],
    ['PT501964843', 'FR'],
    ['EL094012834', 'FR'],
  ])('refuses a foreign-prefixed %s for %s', (raw, country) => {
    expect(validateTaxId(raw, country).ok).toBe(false);
  });
});

describe('validateTaxId — outside the EU', () => {
  it.each([
    ['US', '12-3456789', '123456789'],
    ['US', 'AB', 'AB'],
    ['BR', '11.222.333/0001-81', '11222333000181'],
    ['BR', 'A'.repeat(20), 'A'.repeat(20)],
    ['CH', 'che-123.456.789', 'CHE123456789'],
  ])('%s accepts %j as %j', (country, raw, value) => {
    expect(validateTaxId(raw, country)).toEqual({ ok: true, value, country });
  });

  it.each([
    ['US', '12!34'],
    ['BR', '!!'],
    ['BR', 'A'],
    ['US', ''],
    ['BR', 'A'.repeat(21)],
    ['US', '12_34'],
  ])('%s refuses %j', (country, raw) => {
    const r = validateTaxId(raw, country);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/2 to 20/);
  });
});
