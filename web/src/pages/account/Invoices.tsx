import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, call, client } from '../../api';
import { useI18n } from '../../i18n';
import { Alert, Button, Card, Field, Table } from '../../ui/ui';
import { useAction, useWords } from '../shop/shared';
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
    text: 'Your proforma invoices, invoices and credit notes from SellRocket, newest first. A proforma invoice asks for a payment: pay an open one by card with Pay now, or by bank transfer; once it is paid, its invoice is issued. Each can be downloaded as a PDF, with its ATCUD and fiscal QR code.',
    none: 'You have no invoice yet.',
    document: 'Document',
    payment: 'Payment',
    payNow: 'Pay now',
    payNowLabel: (name: string) => `Pay now for ${name}`,
    payTitle: (name: string) => `Pay ${name} by card`,
    payText: (total: string) =>
      `${total}, VAT included. The card is charged once; its number and security code are not kept, here or by SellRocket.`,
    cardNumber: 'Card number',
    expMonth: 'Expiry month (MM)',
    expYear: 'Expiry year (YYYY)',
    cvc: 'Security code (CVC)',
    cvcHint: 'The 3 digits on the back of the card (4 on the front of an American Express).',
    pay: (total: string) => `Pay ${total}`,
    close: 'Close',
    required: 'Fill this in',
    monthWrong: 'The expiry month is 1 to 12.',
    yearWrong: 'The expiry year has four digits, e.g. 2031.',
    paidTitle: (name: string) => `${name} is paid`,
    paidText: (invoice: string, total: string) =>
      `Thank you. Invoice ${invoice} was issued for ${total} and emailed to you.`,
    openInvoice: (name: string) => `Open the invoice ${name}`,
    problems: {
      declined: 'The payment was declined: nothing was charged. Check the card details, or use another card.',
      invalid: 'Some card details are not valid: see below.',
      notOpen: 'This proforma invoice can no longer be paid: it was cancelled.',
      notFound: 'There is no such proforma invoice in your account.',
    },
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
    text: 'As suas faturas pró-forma, faturas e notas de crédito da SellRocket, da mais recente para a mais antiga. Uma fatura pró-forma pede um pagamento: pague uma em aberto com cartão em Pagar agora, ou por transferência bancária; depois de paga, é emitida a respetiva fatura. Cada uma pode ser descarregada em PDF, com o ATCUD e o código QR fiscal.',
    none: 'Ainda não tem nenhuma fatura.',
    document: 'Documento',
    payment: 'Pagamento',
    payNow: 'Pagar agora',
    payNowLabel: (name: string) => `Pagar agora a ${name}`,
    payTitle: (name: string) => `Pagar ${name} com cartão`,
    payText: (total: string) =>
      `${total}, IVA incluído. O cartão é cobrado uma vez; o número e o código de segurança não ficam guardados, nem aqui nem na SellRocket.`,
    cardNumber: 'Número do cartão',
    expMonth: 'Mês de validade (MM)',
    expYear: 'Ano de validade (AAAA)',
    cvc: 'Código de segurança (CVC)',
    cvcHint: 'Os 3 algarismos no verso do cartão (4 na frente de um American Express).',
    pay: (total: string) => `Pagar ${total}`,
    close: 'Fechar',
    required: 'Preencha este campo',
    monthWrong: 'O mês de validade é de 1 a 12.',
    yearWrong: 'O ano de validade tem quatro algarismos, p. ex. 2031.',
    paidTitle: (name: string) => `${name} está paga`,
    paidText: (invoice: string, total: string) =>
      `Obrigado. Foi emitida a fatura ${invoice} no valor de ${total}, enviada por email.`,
    openInvoice: (name: string) => `Abrir a fatura ${name}`,
    problems: {
      declined: 'O pagamento foi recusado: nada foi cobrado. Verifique os dados do cartão, ou use outro cartão.',
      invalid: 'Há dados do cartão que não são válidos: veja abaixo.',
      notOpen: 'Esta fatura pró-forma já não pode ser paga: foi anulada.',
      notFound: 'Esta fatura pró-forma não existe na sua conta.',
    },
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

/** An open proforma can be paid (by card here, or by transfer); a paid or cancelled one cannot. */
const payable = (d: BillingDocument) => d.kind === 'proforma' && d.status === 'open';

/**
 * The server's problem in this form's words when it is one the form knows (by status), its field
 * errors kept: `useAction` then shows it at the top of the form, and the fields beside them.
 */
function inWords(err: unknown, byStatus: Partial<Record<number, string>>): unknown {
  if (!(err instanceof ApiError)) return err;
  const said = byStatus[err.status];
  return said ? new ApiError(err.status, err.type, said, err.errors) : err;
}

// The card's fields, by the names the server gives their problems; a refusal of the card as a whole
// (402, field `card`) is shown beside its number.
const cardFields = ['card.number', 'card.expMonth', 'card.expYear', 'card.cvc', 'card'];

/**
 * Paying an open proforma by card. The fields are not held in React state: they are read from the
 * form when it is sent, kept only for that one request, and cleared once it is answered, whatever
 * the answer. Each attempt carries a fresh Idempotency-Key, so a request sent twice (a double click,
 * a retry after a dropped connection) is charged once.
 */
function PayByCard({ proforma, onClose }: { proforma: BillingDocument; onClose: () => void }) {
  const { formatDay } = useI18n();
  const w = useWords(words);
  const dw = useDocumentWords();
  const { euros } = useDocumentFormat();
  const queries = useQueryClient();
  const action = useAction();
  const [checked, setChecked] = useState<Record<string, string>>({});
  const [invoice, setInvoice] = useState<BillingDocument | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  // Opened from the list: the keyboard goes to the card number; once paid, to what was paid.
  useEffect(() => formRef.current?.querySelector('input')?.focus(), []);
  useEffect(() => {
    if (invoice) doneRef.current?.focus();
  }, [invoice]);
  const total = euros(proforma.totalCents, proforma.currency);
  const error = (field: string) => checked[field] ?? action.fields[field];
  const otherProblems = Object.entries(action.fields).filter(([field]) => !cardFields.includes(field));
  /** A field changed: what was said of it no longer holds. */
  const edited = (field: string) => {
    setChecked(({ [field]: _, ...rest }) => rest);
    action.setFields(({ [field]: _, card: __, ...rest }) => rest);
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const typed = new FormData(form);
    const value = (name: string) => String(typed.get(name) ?? '').trim();
    const month = value('expMonth');
    const year = value('expYear');
    const problems: Record<string, string> = {};
    if (!value('number')) problems['card.number'] = w.required;
    if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) problems['card.expMonth'] = w.monthWrong;
    if (!/^\d{4}$/.test(year)) problems['card.expYear'] = w.yearWrong;
    if (!value('cvc')) problems['card.cvc'] = w.required;
    setChecked(problems);
    if (Object.keys(problems).length > 0) {
      action.clear();
      return;
    }
    const card = { number: value('number'), expMonth: Number(month), expYear: Number(year), cvc: value('cvc') };
    const attempt = crypto.randomUUID();
    void action.run(async () => {
      try {
        const paid = await call(
          client.POST('/api/v1/account/invoices/{id}/pay', {
            params: { path: { id: proforma.id }, header: { 'idempotency-key': attempt } },
            body: { card },
          }),
        );
        setInvoice(paid);
        void queries.invalidateQueries({ queryKey: invoicesQuery.queryKey });
      } catch (err) {
        throw inWords(err, {
          402: w.problems.declined,
          404: w.problems.notFound,
          409: w.problems.notOpen,
          422: w.problems.invalid,
        });
      } finally {
        // Answered, one way or the other: the card's details leave the page.
        form.reset();
      }
    });
  };

  if (invoice)
    return (
      <Card title={w.paidTitle(proforma.name)}>
        <div ref={doneRef} tabIndex={-1}>
          <Alert kind="success">{w.paidText(invoice.name, euros(invoice.totalCents, invoice.currency))}</Alert>
          <dl className="facts">
            <dt>{dw.kind[invoice.kind]}</dt>
            <dd>
              <Link to="/account/invoices/$id" params={{ id: invoice.id }} aria-label={w.openInvoice(invoice.name)}>
                {invoice.name}
              </Link>
            </dd>
            <dt>{w.atcud}</dt>
            <dd>
              <code>{invoice.atcud}</code>
            </dd>
            <dt>{w.total}</dt>
            <dd>
              <span className="amount">{euros(invoice.totalCents, invoice.currency)}</span>
            </dd>
            {invoice.paidAt && (
              <>
                <dt>{w.paid}</dt>
                <dd>{formatDay(invoice.paidAt)}</dd>
              </>
            )}
          </dl>
          <div className="actions form-actions">
            <PdfLink d={invoice} button />
            <Button type="button" variant="secondary" onClick={onClose}>
              {w.close}
            </Button>
          </div>
        </div>
      </Card>
    );

  return (
    <Card title={w.payTitle(proforma.name)}>
      <p className="muted">{w.payText(total)}</p>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={w.payTitle(proforma.name)}>
        {action.error && (
          <Alert kind="error">
            {action.error}
            {otherProblems.length > 0 && (
              <ul>
                {otherProblems.map(([field, message]) => (
                  <li key={field}>{message}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        <Field
          label={w.cardNumber}
          name="number"
          autoComplete="cc-number"
          inputMode="numeric"
          maxLength={40}
          spellCheck={false}
          error={error('card.number') ?? error('card')}
          onChange={() => edited('card.number')}
        />
        <div className="row">
          <Field
            label={w.expMonth}
            name="expMonth"
            autoComplete="cc-exp-month"
            inputMode="numeric"
            maxLength={2}
            className="input-small"
            error={error('card.expMonth')}
            onChange={() => edited('card.expMonth')}
          />
          <Field
            label={w.expYear}
            name="expYear"
            autoComplete="cc-exp-year"
            inputMode="numeric"
            maxLength={4}
            className="input-small"
            error={error('card.expYear')}
            onChange={() => edited('card.expYear')}
          />
          <Field
            label={w.cvc}
            hint={w.cvcHint}
            name="cvc"
            autoComplete="cc-csc"
            inputMode="numeric"
            maxLength={4}
            className="input-small"
            error={error('card.cvc')}
            onChange={() => edited('card.cvc')}
          />
        </div>
        <div className="actions form-actions">
          <Button type="submit" busy={action.busy}>
            {w.pay(total)}
          </Button>
          <Button type="button" variant="secondary" onClick={onClose} disabled={action.busy}>
            {w.close}
          </Button>
        </div>
      </form>
    </Card>
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
  // The proforma being paid, as it was when Pay now was pressed: once paid, the list moves on.
  const [paying, setPaying] = useState<BillingDocument | null>(null);
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
            head={[w.document, w.date, w.due, w.status, w.total, w.pdf, w.payment]}
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
                payable(d) ? (
                  <Button
                    key="pay"
                    type="button"
                    className="btn btn-primary btn-small"
                    aria-label={w.payNowLabel(d.name)}
                    onClick={() => setPaying(d)}
                  >
                    {w.payNow}
                  </Button>
                ) : (
                  ''
                ),
              ];
            })}
          />
        )}
      </Card>
      {paying && <PayByCard key={paying.id} proforma={paying} onClose={() => setPaying(null)} />}
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
