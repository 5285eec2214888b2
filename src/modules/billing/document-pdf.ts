import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { DocumentWithLines } from './billing.service.js';
import { fiscalQr } from './fiscal-qr.js';

const titles = {
  proforma: 'Fatura pró-forma / Proforma invoice',
  invoice: 'Fatura / Invoice',
  credit_note: 'Nota de crédito / Credit note',
} as const;
const regimes = {
  domestic: 'IVA / VAT',
  'eu-consumer': 'IVA do Estado-Membro do cliente (OSS) / VAT of the customer’s member state',
  'reverse-charge': 'Autoliquidação / Reverse charge',
  'outside-scope': 'Não sujeito / Outside the scope of VAT',
} as const;
const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;

/**
 * A billing document as a PDF (pdfkit, its standard Helvetica: every Portuguese letter and € are in
 * its encoding): the issuer and the customer, the lines, the VAT summary with its legal mention, the
 * ATCUD and the fiscal QR code. Text is real text, so it can be read back and searched.
 */
/** How an open proforma may be paid besides a card (see billing.routes.ts). */
export interface PaymentOptions {
  transfer: { iban: string; beneficiary: string; reference: string } | null;
  multibanco: { entity: string; reference: string; amountCents: number; expiresAt: string } | null;
}

export async function documentPdf(
  doc: DocumentWithLines & { paymentOptions?: PaymentOptions | null },
  issuer: { name: string; address: string; nif: string },
): Promise<Buffer> {
  const qr = await QRCode.toBuffer(fiscalQr(doc, issuer.nif), { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${doc.name}`, Author: issuer.name, CreationDate: new Date(doc.issuedAt) },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });

  pdf.font('Helvetica-Bold').fontSize(14).text(issuer.name);
  pdf.font('Helvetica').fontSize(9).text(issuer.address).text(`NIF ${issuer.nif}`);
  pdf.moveDown(1.5);
  pdf.font('Helvetica-Bold').fontSize(16).text(`${titles[doc.kind]} ${doc.name}`);
  pdf.font('Helvetica').fontSize(9);
  pdf.text(`ATCUD: ${doc.atcud}`);
  pdf.text(`Data / Date: ${doc.issuedAt.slice(0, 10)}`);
  if (doc.dueAt) pdf.text(`Vencimento / Due: ${doc.dueAt.slice(0, 10)}`);
  if (doc.status === 'cancelled') pdf.font('Helvetica-Bold').text('ANULADA / CANCELLED').font('Helvetica');
  if (doc.kind === 'proforma') pdf.text('Este documento não serve de fatura / This document is not an invoice.');
  pdf.moveDown();

  pdf.font('Helvetica-Bold').text('Cliente / Customer');
  pdf.font('Helvetica');
  const c = doc.customer;
  if (c.nif) {
    pdf.text(c.name ?? '');
    if (c.address) pdf.text(c.address);
    pdf.text([c.postalCode, c.city, c.country].filter(Boolean).join(' '));
    pdf.text(`NIF / VAT no.: ${c.nif}`);
  } else {
    pdf.text(`Consumidor final / Final consumer (${c.country})`);
  }
  pdf.moveDown();

  const left = 50;
  const columns = { description: left, quantity: 330, unit: 390, net: 470 };
  const row = (cells: [string, string, string, string], bold = false) => {
    const y = pdf.y;
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    pdf.text(cells[0], columns.description, y, { width: 270 });
    const after = pdf.y;
    pdf.text(cells[1], columns.quantity, y, { width: 50, align: 'right' });
    pdf.text(cells[2], columns.unit, y, { width: 70, align: 'right' });
    pdf.text(cells[3], columns.net, y, { width: 75, align: 'right' });
    pdf.x = left;
    pdf.y = Math.max(after, pdf.y) + 4;
  };
  row(['Descrição / Description', 'Qtd.', 'Preço / Price', 'Valor / Amount'], true);
  for (const line of doc.lines)
    row([line.description, String(line.quantity), euros(line.unitCents), euros(line.netCents)]);
  pdf.moveDown();

  const total = (label: string, value: string, bold = false) => row([label, '', '', value], bold);
  total('Total sem IVA / Net', euros(doc.netCents));
  total(`${regimes[doc.vat.regime]} ${doc.vat.rate.toLocaleString('pt-PT')} %`, euros(doc.vatCents));
  total('Total / Total', euros(doc.totalCents), true);
  if (doc.vat.note) {
    pdf.moveDown(0.5);
    pdf.font('Helvetica').text(doc.vat.note, left);
  }
  if (doc.paidAt)
    pdf.moveDown(0.5).text(`Pago em / Paid on ${doc.paidAt.slice(0, 10)} (${doc.paymentMethod ?? ''})`, left);
  const options = doc.paymentOptions;
  if (options?.transfer || options?.multibanco) {
    pdf.moveDown(0.5).font('Helvetica-Bold').text('Pagamento / Payment', left).font('Helvetica');
    if (options.transfer)
      pdf.text(
        `Transferência / Transfer: IBAN ${options.transfer.iban} (${options.transfer.beneficiary}), referência / reference "${options.transfer.reference}"`,
        left,
      );
    if (options.multibanco)
      pdf.text(
        `Multibanco: entidade / entity ${options.multibanco.entity}, referência / reference ${options.multibanco.reference.replace(/(\d{3})(?=\d)/g, '$1 ')}, ${euros(options.multibanco.amountCents)}, até / until ${options.multibanco.expiresAt.slice(0, 10)}`,
        left,
      );
  }

  pdf.moveDown();
  pdf.image(qr, left, pdf.y, { width: 100 });
  pdf
    .fontSize(7)
    .text(
      'Processado por programa não certificado / Issued by software not certified by the tax authority (AT).',
      left + 115,
      pdf.y + 40,
      { width: 380 },
    );
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}
