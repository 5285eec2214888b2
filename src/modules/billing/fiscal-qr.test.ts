import { describe, expect, it } from 'vitest';
import { fiscalQr, type QrDocument } from './fiscal-qr.js';

const invoice: QrDocument = {
  kind: 'invoice',
  name: 'FT 2026/7',
  atcud: 'SRFT2026-7',
  issuedAt: '2026-12-08T10:00:00.000Z',
  status: 'issued',
  customer: { nif: 'PT501964843', country: 'PT' },
  vat: { regime: 'domestic', space: 'PT' },
  netCents: 1999,
  vatCents: 460,
  totalCents: 2459,
};

describe("the fiscal QR code's text (Portaria 195/2020)", () => {
  it('names the issuer, the buyer, the document, its ATCUD, and its base and VAT in the tax space that applied', () => {
    expect(fiscalQr(invoice, '500000000')).toBe(
      'A:500000000*B:501964843*C:PT*D:FT*E:N*F:20261208*G:FT 2026/7*H:SRFT2026-7*I1:PT*I7:19.99*I8:4.60*N:4.60*O:24.59*Q:0000*R:0',
    );
  });

  it('uses the Azores and Madeira groups, 999999990 for a final consumer, and the exempt base without Portuguese VAT', () => {
    const azores = fiscalQr(
      {
        ...invoice,
        customer: { nif: null, country: 'PT' },
        vat: { regime: 'domestic', space: 'PT-AC' },
        vatCents: 320,
        totalCents: 2319,
      },
      '500000000',
    );
    expect(azores).toContain('*B:999999990*');
    expect(azores).toContain('*J1:PT-AC*J7:19.99*J8:3.20*N:3.20*O:23.19*');
    expect(fiscalQr({ ...invoice, vat: { regime: 'domestic', space: 'PT-MA' } }, '500000000')).toContain(
      '*K1:PT-MA*K7:19.99*',
    );
    const reverse = fiscalQr(
      {
        ...invoice,
        customer: { nif: 'DE111111125', country: 'DE' },
        vat: { regime: 'reverse-charge', space: null },
        vatCents: 0,
        totalCents: 1999,
      },
      '500000000',
    );
    expect(reverse).toContain('*B:DE111111125*C:DE*');
    expect(reverse).toContain('*I1:PT*I2:19.99*N:0.00*O:19.99*');
  });
});
