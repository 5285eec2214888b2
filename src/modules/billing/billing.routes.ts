import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { validationError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import { newId } from '../../core/ids.js';
import { CardInput } from '../../core/payments/card-input.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { BillingService } from './billing.service.js';
import type { PaymentMethods } from './payment-methods.js';
import { documentPdf } from './document-pdf.js';

const Document = z.object({
  id: z.string(),
  kind: z.enum(['proforma', 'invoice', 'credit_note']),
  name: z.string(),
  number: z.number().int(),
  atcud: z.string(),
  status: z.enum(['open', 'paid', 'cancelled', 'issued']),
  issuedAt: z.iso.datetime(),
  dueAt: z.iso.datetime().nullable(),
  proformaId: z.string().nullable(),
  customer: z.object({
    name: z.string().nullable(),
    nif: z.string().nullable(),
    address: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string(),
  }),
  vat: z.object({
    regime: z.enum(['domestic', 'eu-consumer', 'reverse-charge', 'outside-scope']),
    rate: z.number(),
    space: z.enum(['PT', 'PT-AC', 'PT-MA']).nullable(),
    note: z.string().nullable(),
    viesCheck: z.enum(['valid', 'invalid', 'unavailable']).nullable(),
  }),
  currency: z.string(),
  netCents: z.number().int(),
  vatCents: z.number().int(),
  totalCents: z.number().int(),
  paidAt: z.iso.datetime().nullable(),
  paymentMethod: z.enum(['card', 'transfer', 'multibanco', 'direct-debit']).nullable(),
});
const WithLines = Document.extend({
  lines: z.array(
    z.object({
      description: z.string(),
      quantity: z.number().int(),
      unitCents: z.number().int(),
      netCents: z.number().int(),
    }),
  ),
});
const Multibanco = z.object({
  entity: z.string(),
  reference: z.string(),
  amountCents: z.number().int(),
  expiresAt: z.iso.datetime(),
});
/** How an open proforma may be paid besides a card: a transfer quoting its number, a Multibanco reference. */
const PaymentOptions = z.object({
  transfer: z.object({ iban: z.string(), beneficiary: z.string(), reference: z.string() }).nullable(),
  multibanco: Multibanco.nullable(),
});
const Id = z.object({ id: z.string().max(64) });

/** Billing documents: the customer's invoices, and the staff console's proforma issuing and transfers. */
export function registerBillingRoutes(
  app: FastifyInstance,
  deps: {
    billing: BillingService;
    paymentMethods: PaymentMethods;
    guards: AuthGuards;
    issuer: { name: string; address: string; nif: string; iban?: string | undefined };
  },
) {
  const r = typed(app);
  const staff = deps.guards.requireStaff('billing', 'admin');

  async function optionsOf(doc: { id: string; kind: string; status: string; name: string }) {
    if (doc.kind !== 'proforma' || doc.status !== 'open') return null;
    const mb = await deps.billing.referenceOf(doc.id);
    return {
      transfer: deps.issuer.iban
        ? { iban: deps.issuer.iban, beneficiary: deps.issuer.name, reference: doc.name }
        : null,
      multibanco: mb
        ? { entity: mb.entity, reference: mb.reference, amountCents: mb.amountCents, expiresAt: mb.expiresAt }
        : null,
    };
  }

  r.get(
    '/api/v1/account/invoices',
    {
      preHandler: deps.guards.customer('invoices'),
      schema: {
        tags: ['billing'],
        summary: 'Your proforma invoices, invoices and credit notes, newest first',
        response: { 200: z.object({ items: z.array(Document) }), ...problems(401) },
      },
    },
    async (request) => ({ items: await deps.billing.documentsOf(customerOf(request).accountId) }),
  );

  r.get(
    '/api/v1/account/invoices/:id',
    {
      preHandler: deps.guards.customer('invoices'),
      schema: {
        tags: ['billing'],
        summary: 'One of your documents with its lines, and for an open proforma how else it may be paid',
        params: Id,
        response: { 200: WithLines.extend({ paymentOptions: PaymentOptions.nullable() }), ...problems(401, 404) },
      },
    },
    async (request) => {
      const doc = await deps.billing.documentOf(request.params.id, customerOf(request).accountId);
      return { ...doc, paymentOptions: await optionsOf(doc) };
    },
  );

  r.post(
    '/api/v1/account/invoices/:id/multibanco',
    {
      preHandler: deps.guards.customer('invoices'),
      schema: {
        tags: ['billing'],
        summary:
          'A Multibanco reference to pay your open proforma at an ATM or in your bank app; its payment issues the invoice',
        params: Id,
        response: { 200: Multibanco, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { gatewayRef: _gatewayRef, ...mb } = await deps.billing.multibancoFor(
        request.ctx,
        customerOf(request).accountId,
        request.params.id,
      );
      return mb;
    },
  );

  r.get(
    '/api/v1/account/invoices/:id/pdf',
    {
      preHandler: deps.guards.customer('invoices'),
      schema: {
        tags: ['billing'],
        summary: 'One of your documents as a PDF, with its ATCUD and fiscal QR code',
        params: Id,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const doc = await deps.billing.documentOf(request.params.id, customerOf(request).accountId);
      const pdf = await documentPdf({ ...doc, paymentOptions: await optionsOf(doc) }, deps.issuer);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${doc.name.replace(/[ /]/g, '-')}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  r.post(
    '/api/v1/account/invoices/:id/pay',
    {
      preHandler: deps.guards.customer('invoices'),
      schema: {
        tags: ['billing'],
        summary:
          'Pay your open proforma invoice by card, or with a saved card: its invoice is issued and mailed. A card number and security code are used for the one charge and never kept.',
        params: Id,
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: z
          .object({ card: CardInput.optional(), paymentMethodId: z.string().max(64).optional() })
          .refine((b) => (b.card === undefined) !== (b.paymentMethodId === undefined), {
            message: 'Give a card, or the id of a saved card (paymentMethodId), not both.',
            path: ['card'],
          }),
        response: { 200: Document, ...problems(401, 402, 404, 409, 422) },
      },
    },
    async (request) => {
      const key = request.headers['idempotency-key'];
      if (key !== undefined && !/^[!-~]{1,255}$/.test(key))
        throw validationError([
          { field: 'Idempotency-Key', message: 'Up to 255 visible ASCII characters, no spaces.' },
        ]);
      const { accountId } = customerOf(request);
      const { card, paymentMethodId } = request.body;
      const payWith = card ? { card } : { token: await deps.paymentMethods.cardToken(accountId, paymentMethodId!) };
      return deps.billing.payProformaByCard(request.ctx, accountId, request.params.id, payWith, key ?? newId('att'));
    },
  );

  r.post(
    '/api/v1/staff/billing/proformas',
    {
      preHandler: staff,
      schema: {
        tags: ['staff console'],
        summary: 'Issue a proforma invoice to an account, and mail it (audited)',
        body: z.object({
          accountId: z.string().max(64),
          dueAt: z.iso.datetime(),
          lines: z
            .array(
              z.object({
                description: z.string().trim().min(1).max(200),
                quantity: z.number().int().min(1).max(10_000),
                unitCents: z.number().int().min(0).max(100_000_000),
              }),
            )
            .min(1)
            .max(100),
        }),
        response: { 201: Document, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const doc = await deps.billing.issueProforma(request.ctx, {
        ...request.body,
        dueAt: new Date(request.body.dueAt),
      });
      return reply.code(201).send(doc);
    },
  );

  r.post(
    '/api/v1/staff/billing/proformas/:id/transfer-received',
    {
      preHandler: staff,
      schema: {
        tags: ['staff console'],
        summary: 'Mark a proforma paid by bank transfer or Multibanco: its invoice is issued and mailed (audited)',
        params: Id,
        body: z.object({
          method: z.enum(['transfer', 'multibanco']).default('transfer'),
          reference: z.string().trim().min(1).max(100),
        }),
        response: { 200: Document, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      deps.billing.payProforma(request.ctx, request.params.id, {
        method: request.body.method,
        reference: request.body.reference,
      }),
  );

  r.post(
    '/api/v1/staff/billing/proformas/:id/cancel',
    {
      preHandler: staff,
      schema: {
        tags: ['staff console'],
        summary: 'Cancel an open proforma invoice; its number stays used (audited)',
        params: Id,
        response: { 200: Document, ...problems(401, 403, 409) },
      },
    },
    async (request) => deps.billing.cancelProforma(request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/staff/billing/invoices/:id/credit-notes',
    {
      preHandler: staff,
      schema: {
        tags: ['staff console'],
        summary:
          'Issue a credit note for an invoice (all that is left, or netCents before VAT); with refund, a card payment is refunded through the gateway (audited, mailed)',
        params: Id,
        body: z.object({
          netCents: z.number().int().min(1).max(100_000_000).optional(),
          reason: z.string().trim().min(1, 'Required').max(300),
          refund: z.boolean().default(true),
        }),
        response: { 201: Document, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await deps.billing.creditInvoice(request.ctx, request.params.id, request.body)),
  );
}
