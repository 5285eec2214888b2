/** What the fiscal QR code of a document is made from (the document as `view` shows it). */
export interface QrDocument {
  kind: 'proforma' | 'invoice' | 'credit_note';
  name: string;
  atcud: string;
  issuedAt: string;
  status: string;
  customer: { nif: string | null; country: string };
  vat: { regime: string; space: 'PT' | 'PT-AC' | 'PT-MA' | null };
  netCents: number;
  vatCents: number;
  totalCents: number;
}

const typeCode = { proforma: 'PF', invoice: 'FT', credit_note: 'NC' } as const;
const amount = (cents: number) => (cents / 100).toFixed(2);

/**
 * The text of the QR code Portuguese invoices carry (Portaria 195/2020, AT's "Especificações Técnicas
 * Código QR"): fields `A:` to `S:` separated by `*`. The taxable base and VAT go in the group of the
 * region whose rate applied (I: mainland, J: Azores, K: Madeira); a document with no Portuguese VAT
 * (reverse charge, outside the scope) has its base as exempt (`I2`). A final consumer is 999999990.
 * `Q` is the 4 characters of the document's signature hash and `R` the software's certificate
 * number: SellRocket is not AT-certified invoicing software, so they read 0000 and 0 (an operator
 * issues fiscal invoices through certified software or has this certified).
 */
export function fiscalQr(doc: QrDocument, issuerNif: string): string {
  const buyerNif = doc.customer.nif?.startsWith('PT') ? doc.customer.nif.slice(2) : (doc.customer.nif ?? '999999990');
  const fields: [string, string][] = [
    ['A', issuerNif],
    ['B', buyerNif],
    ['C', doc.customer.country],
    ['D', typeCode[doc.kind]],
    ['E', doc.status === 'cancelled' ? 'A' : 'N'],
    ['F', doc.issuedAt.slice(0, 10).replaceAll('-', '')],
    ['G', doc.name],
    ['H', doc.atcud],
  ];
  if (doc.vat.regime === 'domestic' && doc.vat.space) {
    const group = { PT: 'I', 'PT-AC': 'J', 'PT-MA': 'K' }[doc.vat.space];
    fields.push([`${group}1`, doc.vat.space], [`${group}7`, amount(doc.netCents)], [`${group}8`, amount(doc.vatCents)]);
  } else {
    fields.push(['I1', 'PT'], ['I2', amount(doc.netCents)]);
  }
  fields.push(['N', amount(doc.vatCents)], ['O', amount(doc.totalCents)], ['Q', '0000'], ['R', '0']);
  return fields.map(([k, v]) => `${k}:${v}`).join('*');
}
