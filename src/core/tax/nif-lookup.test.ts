import { describe, expect, it } from 'vitest';
import { nifLookupSimulator } from './nif-lookup.js';

describe('nifLookupSimulator (T4)', () => {
  const nifs = nifLookupSimulator();

  it.each(['123456789', '200000004', '450000990', '800000005'])('finds %s as a person', async (nif) => {
    expect(await nifs.lookup(nif)).toMatchObject({ status: 'found', name: `Titular ${nif}` });
  });

  it.each(['501964843', '500000000', '600000001', '700000003', '980000009', '990000001'])(
    'finds %s as a company',
    async (nif) => {
      expect(await nifs.lookup(nif)).toMatchObject({ status: 'found', name: `Empresa ${nif} Lda` });
    },
  );

  it('accepts the PT prefix accounts store the NIF with', async () => {
    expect(await nifs.lookup('PT501964843')).toMatchObject({ status: 'found', name: 'Empresa 501964843 Lda' });
  });

  it.each([
    ['501964842', 'wrong check digit'],
    ['123456780', 'wrong check digit'],
    ['730000001', 'leading 73'],
    ['400000008', 'leading 4 without 5'],
    ['50196484', 'eight digits'],
    ['5019648430', 'ten digits'],
    ['50196484X', 'not digits'],
    ['', 'empty'],
  ])('does not find %j (%s)', async (nif) => {
    expect(await nifs.lookup(nif)).toEqual({ status: 'not-found' });
  });

  it.each(['123459990', '200009990', '501969993', '987659995'])(
    'finds the service unavailable for %s (999 before the check digit)',
    async (nif) => {
      expect(await nifs.lookup(nif)).toEqual({ status: 'unavailable' });
    },
  );

  it('says not-found, not unavailable, for a 999 NIF with a wrong check digit', async () => {
    expect(await nifs.lookup('123459991')).toEqual({ status: 'not-found' });
  });

  it('says not-found for a well-formed NIF the authority never assigned (888 before the check digit)', async () => {
    expect(await nifs.lookup('123458889')).toEqual({ status: 'not-found' });
    expect(await nifs.lookup('PT501968881')).toEqual({ status: 'not-found' });
  });
});
