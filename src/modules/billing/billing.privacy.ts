import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';

// What an invoice must show: kept 10 years from the end of its year, even after an erasure (RT6).
const fiscal = {
  basis: 'legal-obligation',
  retention: 'fiscal-record',
  purposes: ['billing', 'legal-compliance'],
  recipients: ['hosting', 'backup', 'invoicing'],
  onErasure: 'hold',
} as const;

export const billingTables = declareTables({
  billing_series: {
    description: 'Numbered series of proforma invoices, invoices and credit notes, one per kind and year.',
    columns: {
      id: notPersonal('series key (kind and year)'),
      kind: notPersonal('proforma, invoice or credit note'),
      year: notPersonal('the year the series numbers'),
      code: notPersonal('the code shown before the number'),
      validation_code: notPersonal("the tax authority's validation code of the series"),
      last_number: notPersonal('the last number issued'),
      last_issued_at: notPersonal('when the last number was issued'),
    },
  },
  billing_document: {
    description:
      'Proforma invoices, invoices and credit notes issued to customers; immutable once issued, kept 10 years (RT6).',
    label: { en: 'Your invoices', 'pt-PT': 'As suas faturas' },
    document: 'Invoices, proforma invoices and credit notes',
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    erasure: 'anonymise',
    columns: {
      id: notPersonal('surrogate key (doc_…)'),
      kind: notPersonal('proforma, invoice or credit note'),
      series_id: notPersonal('the series'),
      number: notPersonal('number in the series'),
      atcud: notPersonal('unique document code (series validation code and number)'),
      status: notPersonal('open, paid or cancelled (proformas); issued'),
      account_id: notPersonal('reference to the account; cleared when the account is erased'),
      issued_at: notPersonal('date of issue'),
      due_at: notPersonal('due date'),
      proforma_id: notPersonal('the proforma an invoice settles'),
      credited_id: notPersonal('the invoice a credit note corrects'),
      currency: notPersonal('currency'),
      customer_name: personal({ category: 'identification', key: 'name.full', ...fiscal, identifier: true }),
      customer_nif: personal({ category: 'identification', key: 'tax.id', ...fiscal, identifier: true }),
      customer_address: personal({ category: 'localisation', key: 'address.line1', ...fiscal }),
      customer_postal_code: personal({ category: 'localisation', key: 'address.postal_code', ...fiscal }),
      customer_city: personal({ category: 'localisation', key: 'address.city', ...fiscal }),
      customer_country: notPersonal('country of the billing address, for the VAT rule'),
      vat_regime: notPersonal('which VAT rule applied'),
      vat_rate: notPersonal('VAT rate'),
      vat_space: notPersonal('the Portuguese tax space whose rate applied (mainland, Azores, Madeira)'),
      vat_note: notPersonal('legal mention of the VAT rule'),
      vies_check: notPersonal("VIES's answer on the VAT number, when asked"),
      net_cents: notPersonal('amount before VAT'),
      vat_cents: notPersonal('VAT'),
      total_cents: notPersonal('total'),
      paid_at: notPersonal('when the proforma was paid'),
      payment_method: notPersonal('how it was paid'),
      payment_reference: notPersonal("the gateway's or the transfer's reference"),
    },
  },
  billing_document_line: {
    description: "A document's lines: what was billed (plan, period), no personal data.",
    columns: {
      document_id: notPersonal('the document'),
      position: notPersonal('line number'),
      description: notPersonal('what was billed'),
      quantity: notPersonal('quantity'),
      unit_cents: notPersonal('unit price before VAT'),
      net_cents: notPersonal('line amount before VAT'),
    },
  },
});
