import { queryOptions, useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { ApiError, call, client } from '../../api';
import { useI18n } from '../../i18n';
import { Alert, Card, Table } from '../../ui/ui';
import { useWords } from '../shop/shared';
import {
  DocumentStatusBadge,
  shownStatus,
  useDocumentFormat,
  useDocumentWords,
  useRegimeWords,
  type BillingDocument,
  type BillingDocumentWithLines,
} from './BillingDocument';

const words = {
  en: {
    title: 'Invoices',
    text: 'Your proforma invoices, invoices and credit notes from SellRocket, newest first. A proforma invoice asks for a payment; once it is paid, its invoice is issued. Each can be downloaded as a PDF, with its ATCUD and fiscal QR code.',
    none: 'You have no invoice yet.',
    document: 'Document',
    date: 'Date',
    due: 'Due date',
    status: 'Status',
    total: 'Total',
    pdf: 'PDF',
    download: 'Download PDF',
    downloadLabel: (name: string) => `Download PDF of ${name}`,
    open: (kind: string, name: string) => `Open the ${kind.toLowerCase()} ${name}`,
    back: 'All invoices',
    notFound: 'There is no such document in your account.',
    summary: 'Summary',
    atcud: 'ATCUD',
    paid: 'Paid on',
    paidOn: (date: string, method: string | null) => (method ? `${date}, by ${method}` : date),
    fromProforma: 'Proforma invoice',
    itsInvoice: 'Its invoice',
    openProforma: 'Open the proforma invoice it settles',
    lines: 'Lines',
    description: 'Description',
    quantity: 'Quantity',
    unit: 'Unit price',
    amount: 'Amount',
    totals: 'Totals',
    net: 'Total before VAT',
    vat: (rate: string, regime: string) => `VAT ${rate} (${regime})`,
    legalNote: 'Legal mention',
    customer: 'Made out to',
    customerText: 'As printed on the document.',
    nif: 'VAT number (NIF)',
    finalConsumer: (country: string) => `Final consumer (${country})`,
    howToPay: 'How to pay',
    payByTransfer: (name: string) => `Pay by bank transfer quoting ${name}; card payment comes next.`,
    dueBy: (date: string) => `Payment is due by ${date}.`,
    wasDue: (date: string) => `Payment was due by ${date}.`,
    cancelledText: 'This proforma invoice was cancelled: it can no longer be paid.',
  },
  'pt-PT': {
    title: 'Faturas',
    text: 'As suas faturas pró-forma, faturas e notas de crédito da SellRocket, da mais recente para a mais antiga. Uma fatura pró-forma pede um pagamento; depois de paga, é emitida a respetiva fatura. Cada uma pode ser descarregada em PDF, com o ATCUD e o código QR fiscal.',
    none: 'Ainda não tem nenhuma fatura.',
    document: 'Documento',
    date: 'Data',
    due: 'Vencimento',
    status: 'Estado',
    total: 'Total',
    pdf: 'PDF',
    download: 'Descarregar PDF',
    downloadLabel: (name: string) => `Descarregar PDF de ${name}`,
    open: (kind: string, name: string) => `Abrir a ${kind.toLowerCase()} ${name}`,
    back: 'Todas as faturas',
    notFound: 'Este documento não existe na sua conta.',
    summary: 'Resumo',
    atcud: 'ATCUD',
    paid: 'Paga em',
    paidOn: (date: string, method: string | null) => (method ? `${date}, por ${method}` : date),
    fromProforma: 'Fatura pró-forma',
    itsInvoice: 'Fatura',
    openProforma: 'Abrir a fatura pró-forma que liquida',
    lines: 'Linhas',
    description: 'Descrição',
    quantity: 'Quantidade',
    unit: 'Preço unitário',
    amount: 'Valor',
    totals: 'Totais',
    net: 'Total sem IVA',
    vat: (rate: string, regime: string) => `IVA ${rate} (${regime})`,
    legalNote: 'Menção legal',
    customer: 'Cliente',
    customerText: 'Tal como consta do documento.',
    nif: 'NIF',
    finalConsumer: (country: string) => `Consumidor final (${country})`,
    howToPay: 'Como pagar',
    payByTransfer: (name: string) =>
      `Pague por transferência bancária indicando ${name}; o pagamento com cartão estará disponível em breve.`,
    dueBy: (date: string) => `O pagamento vence a ${date}.`,
    wasDue: (date: string) => `O pagamento venceu a ${date}.`,
    cancelledText: 'Esta fatura pró-forma foi anulada: já não pode ser paga.',
  },
} as const;

const invoicesQuery = queryOptions({
  queryKey: ['account', 'invoices'],
  queryFn: async () => (await call(client.GET('/api/v1/account/invoices'))).items,
  // A proforma may have been paid, or a new one issued, since the last visit.
  staleTime: 0,
});
const pdfOf = (id: string) => `/api/v1/account/invoices/${encodeURIComponent(id)}/pdf`;

/** A plain link to the document's PDF: same origin, so the session cookie goes with it. */
function PdfLink({ d, button }: { d: BillingDocument; button?: boolean }) {
  const w = useWords(words);
  return (
    <a
      className={button ? 'btn btn-secondary' : undefined}
      href={pdfOf(d.id)}
      download
      aria-label={w.downloadLabel(d.name)}
    >
      {w.download}
    </a>
  );
}

/** The customer's billing documents (proforma invoices, invoices, credit notes), newest first, each with its PDF. */
export function Invoices() {
  const { t, formatDay } = useI18n();
  const w = useWords(words);
  const dw = useDocumentWords();
  const { euros } = useDocumentFormat();
  const list = useQuery(invoicesQuery);
  const items = list.data;
  return (
    <>
      <h1>{w.title}</h1>
      <p className="lead">{w.text}</p>
      <Card>
        {!items ? (
          list.error ? (
            <Alert kind="error">{list.error.message}</Alert>
          ) : (
            <p>{t('common.loading')}</p>
          )
        ) : (
          <Table
            caption={w.title}
            head={[w.document, w.date, w.due, w.status, w.total, w.pdf]}
            empty={w.none}
            rows={items.map((d) => {
              const kind = dw.kind[d.kind];
              return [
                <span key={d.id} className="document-name">
                  {kind}{' '}
                  <Link to="/account/invoices/$id" params={{ id: d.id }} aria-label={w.open(kind, d.name)}>
                    {d.name}
                  </Link>
                </span>,
                formatDay(d.issuedAt),
                d.dueAt ? formatDay(d.dueAt) : '—',
                <DocumentStatusBadge key="s" status={shownStatus(d)} />,
                <span key="t" className="amount">
                  {euros(d.totalCents, d.currency)}
                </span>,
                <PdfLink key="pdf" d={d} />,
              ];
            })}
          />
        )}
      </Card>
    </>
  );
}

/** The customer block as the document prints it: named when it carries a NIF, else a final consumer. */
function CustomerBlock({ c }: { c: BillingDocument['customer'] }) {
  const w = useWords(words);
  if (!c.nif) return <address>{w.finalConsumer(c.country)}</address>;
  return (
    <address>
      {c.name}
      {c.address && (
        <>
          <br />
          {c.address}
        </>
      )}
      <br />
      {[c.postalCode, c.city, c.country].filter(Boolean).join(' ')}
      <br />
      {w.nif}: {c.nif}
    </address>
  );
}

function DocumentView({ d, related }: { d: BillingDocumentWithLines; related: BillingDocument[] }) {
  const { formatDay } = useI18n();
  const w = useWords(words);
  const dw = useDocumentWords();
  const regime = useRegimeWords();
  const { euros, rate } = useDocumentFormat();
  const status = shownStatus(d);
  const m = (cents: number) => euros(cents, d.currency);
  // A paid proforma's invoice, and an invoice's proforma, are in the list this page came from.
  const invoice =
    d.kind === 'proforma' ? related.find((r) => r.proformaId === d.id && r.kind === 'invoice') : undefined;
  return (
    <>
      <h1 className="document-title">
        {dw.kind[d.kind]} {d.name}
      </h1>
      {(status === 'open' || status === 'overdue') && (
        <Alert kind={status === 'overdue' ? 'error' : 'info'}>
          <strong>{w.howToPay}.</strong> {w.payByTransfer(d.name)}
          {d.dueAt && <> {status === 'overdue' ? w.wasDue(formatDay(d.dueAt)) : w.dueBy(formatDay(d.dueAt))}</>}
        </Alert>
      )}
      {status === 'cancelled' && <Alert>{w.cancelledText}</Alert>}
      <div className="columns">
        <Card title={w.summary}>
          <dl className="facts">
            <dt>{w.status}</dt>
            <dd>
              <DocumentStatusBadge status={status} />
            </dd>
            <dt>{w.date}</dt>
            <dd>{formatDay(d.issuedAt)}</dd>
            {d.dueAt && (
              <>
                <dt>{w.due}</dt>
                <dd>{formatDay(d.dueAt)}</dd>
              </>
            )}
            <dt>{w.atcud}</dt>
            <dd>
              <code>{d.atcud}</code>
            </dd>
            {d.paidAt && (
              <>
                <dt>{w.paid}</dt>
                <dd>{w.paidOn(formatDay(d.paidAt), d.paymentMethod ? dw.method[d.paymentMethod] : null)}</dd>
              </>
            )}
            {d.proformaId && (
              <>
                <dt>{w.fromProforma}</dt>
                <dd>
                  <Link to="/account/invoices/$id" params={{ id: d.proformaId }}>
                    {related.find((r) => r.id === d.proformaId)?.name ?? w.openProforma}
                  </Link>
                </dd>
              </>
            )}
            {invoice && (
              <>
                <dt>{w.itsInvoice}</dt>
                <dd>
                  <Link to="/account/invoices/$id" params={{ id: invoice.id }}>
                    {invoice.name}
                  </Link>
                </dd>
              </>
            )}
          </dl>
          <div className="actions form-actions">
            <PdfLink d={d} button />
          </div>
        </Card>
        <Card title={w.customer}>
          <p className="muted">{w.customerText}</p>
          <CustomerBlock c={d.customer} />
        </Card>
      </div>
      <Card title={w.lines}>
        {/* No link in it to reach by keyboard: on a narrow screen the box itself takes the focus, to scroll. */}
        <div className="table-wrap" role="region" aria-label={w.lines} tabIndex={0}>
          <table>
            <caption className="sr-only">{w.lines}</caption>
            <thead>
              <tr>
                {[w.description, w.quantity, w.unit, w.amount].map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.lines.map((l, i) => (
                <tr key={i}>
                  <td>
                    <span className="line-description">{l.description}</span>
                  </td>
                  <td>{l.quantity}</td>
                  <td>
                    <span className="amount">{m(l.unitCents)}</span>
                  </td>
                  <td>
                    <span className="amount">{m(l.netCents)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{w.totals}</h3>
        <dl className="facts totals">
          <dt>{w.net}</dt>
          <dd>{m(d.netCents)}</dd>
          <dt>{w.vat(rate(d.vat.rate), regime(d.vat))}</dt>
          <dd>{m(d.vatCents)}</dd>
          <dt>
            <strong>{w.total}</strong>
          </dt>
          <dd>
            <strong>{m(d.totalCents)}</strong>
          </dd>
        </dl>
        {d.vat.note && (
          <p>
            {w.legalNote}: {d.vat.note}
          </p>
        )}
      </Card>
    </>
  );
}

/** One document whole: its lines, totals and VAT, ATCUD, the customer as printed, its PDF, and how to pay an open proforma. */
export function Invoice() {
  const { t } = useI18n();
  const w = useWords(words);
  const { id } = useParams({ from: '/account/invoices/$id' });
  const found = useQuery({
    queryKey: ['account', 'invoice', id],
    queryFn: () => call(client.GET('/api/v1/account/invoices/{id}', { params: { path: { id } } })),
    staleTime: 0,
  });
  // The list names the proforma an invoice settles, and the invoice a paid proforma became.
  const list = useQuery(invoicesQuery);
  const error = found.error;
  return (
    <>
      <p>
        <Link to="/account/invoices">← {w.back}</Link>
      </p>
      {found.data ? (
        <DocumentView key={found.data.id} d={found.data} related={list.data ?? []} />
      ) : error ? (
        <>
          <h1>{w.title}</h1>
          <Alert kind="error">{error instanceof ApiError && error.status === 404 ? w.notFound : error.message}</Alert>
        </>
      ) : (
        <p>{t('common.loading')}</p>
      )}
    </>
  );
}
