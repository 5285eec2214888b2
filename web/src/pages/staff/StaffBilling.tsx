import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, call, client, type ResponseOf } from '../../api';
import { useI18n } from '../../i18n';
import { staffSession } from '../../session';
import { Alert, Button, Card, Field, SelectField, Table } from '../../ui/ui';
import { useDocumentFormat, type BillingDocument } from '../account/BillingDocument';
import { ConfirmDialog, parseEuros, useAction, useWords } from '../shop/shared';

const words = {
  en: {
    title: 'Billing',
    text: 'Issue proforma invoices to customers, record the bank transfers and Multibanco payments that settle them (each issues its invoice), and cancel a proforma invoice that will not be paid. Every one is written to the audit log, and the customer is emailed.',
    notAllowed: 'Billing is open to staff with the billing or admin role only.',
    issueTitle: 'Issue a proforma invoice',
    accountId: 'Account id',
    accountIdHint: 'As shown on the account’s page (acc_…).',
    dueAt: 'Due date',
    dueAtHint: 'Payment is due by the end of that day.',
    lines: 'Lines',
    line: (n: number) => `Line ${n}`,
    description: 'Description',
    quantity: 'Quantity',
    unitPrice: 'Unit price (€, before VAT)',
    addLine: 'Add a line',
    removeLine: (n: number) => `Remove line ${n}`,
    issue: 'Issue proforma invoice',
    issued: (name: string, total: string, due: string) =>
      `Proforma invoice ${name} issued: ${total} (VAT included), due ${due}. The customer was emailed.`,
    itsId: 'Its id, to record its payment or cancel it:',
    transferTitle: 'Transfer received',
    transferText:
      'When a payment for a proforma invoice reaches the bank account, record it here: the proforma invoice is marked paid and its invoice is issued.',
    proformaId: 'Proforma invoice id',
    proformaIdHint: 'doc_…, as shown when it was issued.',
    reference: 'Transfer reference',
    referenceHint: 'As on the bank statement.',
    method: 'Method',
    chooseMethod: 'Choose a method',
    methods: { transfer: 'Bank transfer', multibanco: 'Multibanco' },
    markPaid: 'Record the payment',
    invoiced: (name: string, atcud: string, total: string) =>
      `Invoice ${name} issued, ATCUD ${atcud}, for ${total}. The customer was emailed.`,
    cancelTitle: 'Cancel a proforma invoice',
    cancelText: 'A cancelled proforma invoice keeps its number and can no longer be paid.',
    cancel: 'Cancel proforma',
    confirmTitle: 'Cancel this proforma invoice?',
    confirmText: (id: string) =>
      `Proforma invoice ${id} will be marked cancelled. Its number stays used, and it cannot be paid any more. This cannot be undone.`,
    cancelled: (name: string) => `Proforma invoice ${name} cancelled.`,
    required: 'Fill this in',
    dayWrong: 'Choose a date',
    dayPast: 'The due date cannot be in the past',
    quantityWrong: 'A whole number from 1 to 10,000',
    priceWrong: 'An amount in euros, e.g. 19.99',
    overviewTitle: 'Who owes what',
    overviewText:
      'Open proforma invoices, shops suspended for non-payment, and plans under notice of cancellation. Reading this list and every action on a shop are recorded in the audit log.',
    overdueTitle: 'Overdue',
    noOverdue: 'No proforma invoice is overdue.',
    dueTitle: 'Due',
    noDue: 'No proforma invoice is waiting for its due date.',
    suspendedTitle: 'Suspended for non-payment',
    noSuspended: 'No shop is suspended for non-payment.',
    underNoticeTitle: 'Under notice of cancellation',
    noUnderNotice: 'No plan is under notice of cancellation.',
    proforma: 'Proforma invoice',
    customer: 'Customer',
    account: 'Account',
    shop: 'Shop',
    total: 'Total',
    due: 'Due date',
    daysOverdue: 'Days overdue',
    lastNotice: 'Last notice sent',
    notices: {
      reminder: 'Reminder',
      'overdue-1': 'First overdue notice',
      'overdue-2': 'Second overdue notice',
      'overdue-3': 'Third overdue notice',
      suspension: 'Suspension notice',
    },
    noNotice: 'None yet',
    suspendedOn: 'Suspended on',
    noticeGiven: 'Notice given on',
    effective: 'Takes effect on',
    actions: 'Actions',
    noShop: 'No shop: issued by hand',
    pick: 'Record transfer',
    pickLabel: (name: string) => `Record transfer for ${name}`,
    suspend: 'Suspend',
    suspendLabel: (shop: string) => `Suspend ${shop}`,
    reactivate: 'Reactivate',
    reactivateLabel: (shop: string) => `Reactivate ${shop}`,
    giveNotice: 'Give notice',
    giveNoticeLabel: (shop: string) => `Give notice to ${shop}`,
    withdrawNotice: 'Withdraw notice',
    withdrawNoticeLabel: (shop: string) => `Withdraw notice to ${shop}`,
    suspendTitle: (shop: string) => `Suspend ${shop}?`,
    suspendText:
      'Its storefront goes off the web now, whatever the schedule says, and the customer is emailed. Paying what is overdue brings it back, or reactivate it here.',
    noticeTitle: (shop: string) => `Give ${shop} notice of cancellation?`,
    noticeText:
      'Its plan is cancelled once the notice has run out, and the shop goes off the web; its unpaid proforma invoices are cancelled. The customer is emailed now. Paying everything overdue withdraws the notice.',
    noticeDays: 'Days of notice',
    noticeDaysHint: 'From 1 to 365; 30 unless changed.',
    noticeDaysWrong: 'A whole number of days from 1 to 365',
    done: {
      suspend: (shop: string) => `${shop} is suspended: its storefront is off the web. The customer was emailed.`,
      reactivate: (shop: string) => `${shop} is back on the web. The customer was emailed.`,
      notice: (shop: string, date: string) =>
        `Notice given: the plan of ${shop} is cancelled on ${date}. The customer was emailed.`,
      withdraw: (shop: string) => `The notice of cancellation to ${shop} was withdrawn.`,
    },
    runTitle: 'Run billing now',
    runText:
      'Issues each next period’s proforma invoice (once), sends the reminders and overdue notices that are due, suspends shops past the suspension point, and ends cancellations that are due. It is safe to run at any time: nothing is sent twice.',
    run: 'Run billing now',
    ran: (r: {
      proformasIssued: number;
      reminders: number;
      overdueNotices: number;
      suspended: number;
      cancelled: number;
    }) =>
      `Billing ran: ${count(r.proformasIssued, 'proforma invoice', 'proforma invoices')} issued, ${count(r.reminders, 'reminder', 'reminders')} and ${count(r.overdueNotices, 'overdue notice', 'overdue notices')} sent, ${count(r.suspended, 'shop', 'shops')} suspended, ${count(r.cancelled, 'plan', 'plans')} cancelled.`,
    problems: {
      invalid: 'Some fields are not valid: see below.',
      forbidden: 'Your roles do not allow billing.',
      noAccount: 'There is no account with this id.',
      noProforma: 'There is no proforma invoice with this id.',
      payCancelled: 'This proforma invoice was cancelled: its payment cannot be recorded.',
      notOpen:
        'Only an open proforma invoice can be cancelled: this one is paid or already cancelled, or there is no proforma invoice with this id.',
      noPlan: 'This shop runs under no plan.',
      suspend: 'This shop is suspended already.',
      reactivate: 'This shop is not suspended for non-payment.',
      notice: 'Notice of cancellation was given to this shop already.',
      withdraw: 'No notice of cancellation was given to this shop.',
    },
  },
  'pt-PT': {
    title: 'Faturação',
    text: 'Emita faturas pró-forma aos clientes, registe as transferências bancárias e os pagamentos Multibanco que as liquidam (cada um emite a respetiva fatura) e anule uma fatura pró-forma que não vá ser paga. Tudo fica registado no registo de auditoria, e o cliente recebe um email.',
    notAllowed: 'A faturação só está disponível para a equipa com a função de faturação ou de administração.',
    issueTitle: 'Emitir uma fatura pró-forma',
    accountId: 'Id da conta',
    accountIdHint: 'Tal como aparece na página da conta (acc_…).',
    dueAt: 'Data de vencimento',
    dueAtHint: 'O pagamento vence no fim desse dia.',
    lines: 'Linhas',
    line: (n: number) => `Linha ${n}`,
    description: 'Descrição',
    quantity: 'Quantidade',
    unitPrice: 'Preço unitário (€, sem IVA)',
    addLine: 'Acrescentar uma linha',
    removeLine: (n: number) => `Retirar a linha ${n}`,
    issue: 'Emitir a fatura pró-forma',
    issued: (name: string, total: string, due: string) =>
      `Fatura pró-forma ${name} emitida: ${total} (IVA incluído), com vencimento a ${due}. O cliente recebeu um email.`,
    itsId: 'O seu id, para registar o pagamento ou anulá-la:',
    transferTitle: 'Transferência recebida',
    transferText:
      'Quando o pagamento de uma fatura pró-forma chega à conta bancária, registe-o aqui: a fatura pró-forma fica paga e é emitida a respetiva fatura.',
    proformaId: 'Id da fatura pró-forma',
    proformaIdHint: 'doc_…, tal como indicado quando foi emitida.',
    reference: 'Referência da transferência',
    referenceHint: 'Tal como consta do extrato bancário.',
    method: 'Meio de pagamento',
    chooseMethod: 'Escolha um meio',
    methods: { transfer: 'Transferência bancária', multibanco: 'Multibanco' },
    markPaid: 'Registar o pagamento',
    invoiced: (name: string, atcud: string, total: string) =>
      `Fatura ${name} emitida, ATCUD ${atcud}, no valor de ${total}. O cliente recebeu um email.`,
    cancelTitle: 'Anular uma fatura pró-forma',
    cancelText: 'Uma fatura pró-forma anulada mantém o seu número e já não pode ser paga.',
    cancel: 'Anular a fatura pró-forma',
    confirmTitle: 'Anular esta fatura pró-forma?',
    confirmText: (id: string) =>
      `A fatura pró-forma ${id} fica anulada. O seu número continua usado e já não pode ser paga. Não é possível desfazer.`,
    cancelled: (name: string) => `Fatura pró-forma ${name} anulada.`,
    required: 'Preencha este campo',
    dayWrong: 'Escolha uma data',
    dayPast: 'A data de vencimento não pode ser no passado',
    quantityWrong: 'Um número inteiro de 1 a 10 000',
    priceWrong: 'Um valor em euros, p. ex. 19,99',
    overviewTitle: 'Quem deve o quê',
    overviewText:
      'Faturas pró-forma em aberto, lojas suspensas por falta de pagamento e planos com aviso de cancelamento. A consulta desta lista e cada ação sobre uma loja ficam no registo de auditoria.',
    overdueTitle: 'Em atraso',
    noOverdue: 'Nenhuma fatura pró-forma está em atraso.',
    dueTitle: 'A vencer',
    noDue: 'Nenhuma fatura pró-forma aguarda o vencimento.',
    suspendedTitle: 'Suspensas por falta de pagamento',
    noSuspended: 'Nenhuma loja está suspensa por falta de pagamento.',
    underNoticeTitle: 'Com aviso de cancelamento',
    noUnderNotice: 'Nenhum plano tem aviso de cancelamento.',
    proforma: 'Fatura pró-forma',
    customer: 'Cliente',
    account: 'Conta',
    shop: 'Loja',
    total: 'Total',
    due: 'Vencimento',
    daysOverdue: 'Dias em atraso',
    lastNotice: 'Último aviso enviado',
    notices: {
      reminder: 'Lembrete',
      'overdue-1': 'Primeiro aviso de atraso',
      'overdue-2': 'Segundo aviso de atraso',
      'overdue-3': 'Terceiro aviso de atraso',
      suspension: 'Aviso de suspensão',
    },
    noNotice: 'Nenhum ainda',
    suspendedOn: 'Suspensa a',
    noticeGiven: 'Aviso dado a',
    effective: 'Produz efeito a',
    actions: 'Ações',
    noShop: 'Sem loja: emitida à mão',
    pick: 'Registar transferência',
    pickLabel: (name: string) => `Registar transferência de ${name}`,
    suspend: 'Suspender',
    suspendLabel: (shop: string) => `Suspender ${shop}`,
    reactivate: 'Reativar',
    reactivateLabel: (shop: string) => `Reativar ${shop}`,
    giveNotice: 'Dar aviso',
    giveNoticeLabel: (shop: string) => `Dar aviso a ${shop}`,
    withdrawNotice: 'Retirar o aviso',
    withdrawNoticeLabel: (shop: string) => `Retirar o aviso a ${shop}`,
    suspendTitle: (shop: string) => `Suspender ${shop}?`,
    suspendText:
      'A loja online fica fora do ar já, seja qual for o calendário, e o cliente recebe um email. Pagar o que está em atraso reativa-a, ou pode reativá-la aqui.',
    noticeTitle: (shop: string) => `Dar a ${shop} aviso de cancelamento?`,
    noticeText:
      'O plano é cancelado quando o aviso terminar, e a loja fica fora do ar; as faturas pró-forma por pagar são anuladas. O cliente recebe um email já. Pagar tudo o que está em atraso retira o aviso.',
    noticeDays: 'Dias de aviso',
    noticeDaysHint: 'De 1 a 365; 30 se não mudar.',
    noticeDaysWrong: 'Um número inteiro de dias, de 1 a 365',
    done: {
      suspend: (shop: string) => `${shop} está suspensa: a loja online está fora do ar. O cliente recebeu um email.`,
      reactivate: (shop: string) => `${shop} voltou a estar online. O cliente recebeu um email.`,
      notice: (shop: string, date: string) =>
        `Aviso dado: o plano de ${shop} é cancelado a ${date}. O cliente recebeu um email.`,
      withdraw: (shop: string) => `O aviso de cancelamento a ${shop} foi retirado.`,
    },
    runTitle: 'Correr a faturação já',
    runText:
      'Emite a fatura pró-forma de cada período seguinte (uma vez), envia os lembretes e avisos de atraso devidos, suspende as lojas que passaram o ponto de suspensão e conclui os cancelamentos devidos. Pode correr a qualquer momento: nada é enviado duas vezes.',
    run: 'Correr a faturação já',
    ran: (r: {
      proformasIssued: number;
      reminders: number;
      overdueNotices: number;
      suspended: number;
      cancelled: number;
    }) =>
      `Faturação concluída: ${count(r.proformasIssued, 'fatura pró-forma emitida', 'faturas pró-forma emitidas')}, ${count(r.reminders, 'lembrete enviado', 'lembretes enviados')}, ${count(r.overdueNotices, 'aviso de atraso enviado', 'avisos de atraso enviados')}, ${count(r.suspended, 'loja suspensa', 'lojas suspensas')}, ${count(r.cancelled, 'plano cancelado', 'planos cancelados')}.`,
    problems: {
      invalid: 'Há campos que não são válidos: veja abaixo.',
      forbidden: 'As suas funções não permitem a faturação.',
      noAccount: 'Não há nenhuma conta com este id.',
      noProforma: 'Não há nenhuma fatura pró-forma com este id.',
      payCancelled: 'Esta fatura pró-forma foi anulada: o pagamento não pode ser registado.',
      notOpen:
        'Só uma fatura pró-forma em aberto pode ser anulada: esta está paga ou já anulada, ou não há nenhuma fatura pró-forma com este id.',
      noPlan: 'Esta loja não tem plano.',
      suspend: 'Esta loja já está suspensa.',
      reactivate: 'Esta loja não está suspensa por falta de pagamento.',
      notice: 'Já foi dado aviso de cancelamento a esta loja.',
      withdraw: 'Não foi dado aviso de cancelamento a esta loja.',
    },
  },
} as const;

/** `1 reminder`, `2 reminders`: a count with its noun. */
function count(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

type Method = 'transfer' | 'multibanco';
const methods = ['transfer', 'multibanco'] as const satisfies readonly Method[];

/** A calendar day as a date field holds it (`2026-12-31`), in the reader's own time zone. */
const dayOf = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
/** The last second of that day, in the reader's time zone; null when it is not a day. */
function endOfDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const end = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  return Number.isNaN(end.getTime()) ? null : end;
}

/**
 * The server's problem in this page's words when it is one the page knows (by status), its field
 * errors kept: `useAction` then shows it at the top of the form, and the fields beside them.
 */
function inWords(err: unknown, byStatus: Partial<Record<number, string>>): unknown {
  if (!(err instanceof ApiError)) return err;
  const said = byStatus[err.status];
  return said ? new ApiError(err.status, err.type, said, err.errors) : err;
}

interface LineDraft {
  key: number;
  description: string;
  quantity: string;
  price: string;
}

type Overview = ResponseOf<'/api/v1/staff/billing/overview', 'get'>;
type OpenProforma = Overview['due'][number];
type Lifecycle = Overview['suspended'][number];
type ShopAction = 'suspend' | 'reactivate' | 'notice' | 'withdraw';
const overviewKey = ['staff', 'billing', 'overview'];

/**
 * Who owes what: the open proformas (overdue first, with the last notice the schedule sent), the
 * shops suspended for non-payment and the plans under notice, each shop with what staff may do to
 * it. Suspending and giving notice are asked for a confirmation first; each action is audited.
 */
function BillingOverview({ onPick }: { onPick: (proformaId: string) => void }) {
  const { t, formatDay } = useI18n();
  const w = useWords(words);
  const { euros } = useDocumentFormat();
  const queries = useQueryClient();
  const overview = useQuery({
    queryKey: overviewKey,
    queryFn: () => call(client.GET('/api/v1/staff/billing/overview')),
    staleTime: 0,
  });
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ kind: 'suspend' | 'notice'; shopId: string; shop: string } | null>(null);
  const [days, setDays] = useState('30');
  const [daysChecked, setDaysChecked] = useState(false);
  const o = overview.data;
  const suspended = new Set(o?.suspended.map((s) => s.shopId));
  const underNotice = new Set(o?.underNotice.map((s) => s.shopId));
  const daysValue = /^\d{1,3}$/.test(days.trim()) ? Number(days.trim()) : NaN;
  const daysWrong = !(daysValue >= 1 && daysValue <= 365);

  const act = async (kind: ShopAction, shopId: string, shop: string) => {
    setDone(null);
    return action.run(async () => {
      const path = { params: { path: { shopId } } };
      try {
        if (kind === 'suspend') await call(client.POST('/api/v1/staff/billing/shops/{shopId}/suspend', path));
        else if (kind === 'reactivate')
          await call(client.POST('/api/v1/staff/billing/shops/{shopId}/reactivate', path));
        else if (kind === 'withdraw')
          await call(client.DELETE('/api/v1/staff/billing/shops/{shopId}/cancel-notice', path));
        else {
          const given = await call(
            client.POST('/api/v1/staff/billing/shops/{shopId}/cancel-notice', { ...path, body: { days: daysValue } }),
          );
          setDone(w.done.notice(shop, given.cancelEffectiveAt ? formatDay(given.cancelEffectiveAt) : '—'));
        }
        if (kind !== 'notice') setDone(w.done[kind](shop));
      } catch (err) {
        throw inWords(err, { 403: w.problems.forbidden, 404: w.problems.noPlan, 409: w.problems[kind] });
      } finally {
        await queries.invalidateQueries({ queryKey: overviewKey });
      }
    });
  };
  const confirm = async () => {
    if (!asking) return;
    if (asking.kind === 'notice') {
      setDaysChecked(true);
      if (daysWrong) return;
    }
    await act(asking.kind, asking.shopId, asking.shop);
    setAsking(null);
  };

  /** What may be done to one shop, as things stand. */
  const shopActions = (shopId: string | null, shopName: string | null) => {
    if (!shopId) return <span className="muted">{w.noShop}</span>;
    const shop = shopName ?? shopId;
    const small = (variant: 'secondary' | 'danger') => `btn btn-${variant} btn-small`;
    return (
      <div className="actions">
        {suspended.has(shopId) ? (
          <Button
            variant="secondary"
            className={small('secondary')}
            aria-label={w.reactivateLabel(shop)}
            disabled={action.busy}
            onClick={() => void act('reactivate', shopId, shop)}
          >
            {w.reactivate}
          </Button>
        ) : (
          <Button
            variant="danger"
            className={small('danger')}
            aria-label={w.suspendLabel(shop)}
            disabled={action.busy}
            onClick={() => {
              action.clear();
              setAsking({ kind: 'suspend', shopId, shop });
            }}
          >
            {w.suspend}
          </Button>
        )}
        {underNotice.has(shopId) ? (
          <Button
            variant="secondary"
            className={small('secondary')}
            aria-label={w.withdrawNoticeLabel(shop)}
            disabled={action.busy}
            onClick={() => void act('withdraw', shopId, shop)}
          >
            {w.withdrawNotice}
          </Button>
        ) : (
          <Button
            variant="secondary"
            className={small('secondary')}
            aria-label={w.giveNoticeLabel(shop)}
            disabled={action.busy}
            onClick={() => {
              action.clear();
              setDays('30');
              setDaysChecked(false);
              setAsking({ kind: 'notice', shopId, shop });
            }}
          >
            {w.giveNotice}
          </Button>
        )}
      </div>
    );
  };
  const noticeName = (n: OpenProforma['lastNotice']) => (n ? w.notices[n] : w.noNotice);
  const customer = (p: OpenProforma) => p.customerName ?? p.accountId ?? '—';
  /** The proforma's name, and a way to record its transfer in the form below. */
  const proformaCell = (p: OpenProforma) => (
    <div className="actions" key="n">
      <code>{p.name}</code>
      <Button
        variant="secondary"
        className="btn btn-secondary btn-small"
        aria-label={w.pickLabel(p.name)}
        onClick={() => onPick(p.id)}
      >
        {w.pick}
      </Button>
    </div>
  );
  const lifecycleRow = (s: Lifecycle, dates: (string | null)[]) => [
    s.shopName ?? s.shopId,
    <code key="a">{s.accountId}</code>,
    ...dates.map((d) => (d ? formatDay(d) : '—')),
    shopActions(s.shopId, s.shopName),
  ];

  return (
    <Card title={w.overviewTitle}>
      <p className="muted">{w.overviewText}</p>
      {action.error && <Alert kind="error">{action.error}</Alert>}
      {done && <Alert kind="success">{done}</Alert>}
      {!o ? (
        overview.error ? (
          <Alert kind="error">{overview.error.message}</Alert>
        ) : (
          <p>{t('common.loading')}</p>
        )
      ) : (
        <>
          <h3>{w.overdueTitle}</h3>
          <Table
            caption={w.overdueTitle}
            head={[w.proforma, w.customer, w.shop, w.total, w.due, w.daysOverdue, w.lastNotice, w.actions]}
            empty={w.noOverdue}
            rows={o.overdue.map((p) => [
              proformaCell(p),
              customer(p),
              p.shopName ?? p.shopId ?? '—',
              <span key="t" className="amount">
                {euros(p.totalCents)}
              </span>,
              formatDay(p.dueAt),
              <span key="d" className="overdue">
                {p.daysOverdue}
              </span>,
              noticeName(p.lastNotice),
              shopActions(p.shopId, p.shopName),
            ])}
          />
          <h3>{w.dueTitle}</h3>
          <Table
            caption={w.dueTitle}
            head={[w.proforma, w.customer, w.shop, w.total, w.due, w.lastNotice, w.actions]}
            empty={w.noDue}
            rows={o.due.map((p) => [
              proformaCell(p),
              customer(p),
              p.shopName ?? p.shopId ?? '—',
              <span key="t" className="amount">
                {euros(p.totalCents)}
              </span>,
              formatDay(p.dueAt),
              noticeName(p.lastNotice),
              shopActions(p.shopId, p.shopName),
            ])}
          />
          <h3>{w.suspendedTitle}</h3>
          <Table
            caption={w.suspendedTitle}
            head={[w.shop, w.account, w.suspendedOn, w.actions]}
            empty={w.noSuspended}
            rows={o.suspended.map((s) => lifecycleRow(s, [s.suspendedAt]))}
          />
          <h3>{w.underNoticeTitle}</h3>
          <Table
            caption={w.underNoticeTitle}
            head={[w.shop, w.account, w.noticeGiven, w.effective, w.actions]}
            empty={w.noUnderNotice}
            rows={o.underNotice.map((s) => lifecycleRow(s, [s.cancelNoticeAt, s.cancelEffectiveAt]))}
          />
        </>
      )}
      <ConfirmDialog
        open={asking?.kind === 'suspend'}
        title={w.suspendTitle(asking?.shop ?? '')}
        confirmLabel={w.suspend}
        busy={action.busy}
        onConfirm={() => void confirm()}
        onClose={() => setAsking(null)}
      >
        <p>{w.suspendText}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={asking?.kind === 'notice'}
        title={w.noticeTitle(asking?.shop ?? '')}
        confirmLabel={w.giveNotice}
        busy={action.busy}
        onConfirm={() => void confirm()}
        onClose={() => setAsking(null)}
      >
        <p>{w.noticeText}</p>
        <Field
          label={w.noticeDays}
          hint={w.noticeDaysHint}
          inputMode="numeric"
          className="input-small"
          value={days}
          error={(daysChecked && daysWrong ? w.noticeDaysWrong : undefined) ?? action.fields.days}
          onChange={(e) => setDays(e.target.value)}
        />
      </ConfirmDialog>
    </Card>
  );
}

/** The billing run, now: the counts of what it did. The overview then shows where things stand. */
function RunBilling() {
  const w = useWords(words);
  const queries = useQueryClient();
  const action = useAction();
  const [ran, setRan] = useState<string | null>(null);
  const run = () => {
    setRan(null);
    void action.run(async () => {
      try {
        setRan(w.ran(await call(client.POST('/api/v1/staff/billing/run'))));
      } catch (err) {
        throw inWords(err, { 403: w.problems.forbidden });
      }
      await queries.invalidateQueries({ queryKey: overviewKey });
    });
  };
  return (
    <Card title={w.runTitle}>
      <p className="muted">{w.runText}</p>
      {action.error && <Alert kind="error">{action.error}</Alert>}
      {ran && <Alert kind="success">{ran}</Alert>}
      <Button type="button" busy={action.busy} onClick={run}>
        {w.run}
      </Button>
    </Card>
  );
}

/** The proforma issuing form: an account, a due date, and one or more lines priced in euros. */
function IssueProforma({ onIssued }: { onIssued: (d: BillingDocument) => void }) {
  const { formatDay } = useI18n();
  const w = useWords(words);
  const { euros } = useDocumentFormat();
  const action = useAction();
  const nextKey = useRef(1);
  const blank = (): LineDraft => ({ key: nextKey.current++, description: '', quantity: '1', price: '' });
  const [accountId, setAccountId] = useState('');
  const [dueDay, setDueDay] = useState(() => dayOf(new Date(Date.now() + 14 * 86_400_000)));
  const [lines, setLines] = useState<LineDraft[]>(() => [blank()]);
  const [checked, setChecked] = useState(false);
  const [issued, setIssued] = useState<BillingDocument | null>(null);
  // After a line is added or removed, the keyboard goes to that line's first field.
  const linesRef = useRef<HTMLDivElement>(null);
  const [focusLine, setFocusLine] = useState<number | null>(null);
  useEffect(() => {
    if (focusLine === null) return;
    linesRef.current?.querySelectorAll('fieldset')[focusLine]?.querySelector('input')?.focus();
    setFocusLine(null);
  }, [focusLine]);

  const today = dayOf(new Date());
  const clientErrors: Record<string, string> = {};
  if (!accountId.trim()) clientErrors.accountId = w.required;
  if (!endOfDay(dueDay)) clientErrors.dueAt = w.dayWrong;
  else if (dueDay < today) clientErrors.dueAt = w.dayPast;
  lines.forEach((l, i) => {
    if (!l.description.trim()) clientErrors[`lines.${i}.description`] = w.required;
    const q = l.quantity.trim();
    if (!/^\d{1,5}$/.test(q) || Number(q) < 1 || Number(q) > 10_000)
      clientErrors[`lines.${i}.quantity`] = w.quantityWrong;
    if (parseEuros(l.price) === null) clientErrors[`lines.${i}.unitCents`] = w.priceWrong;
  });
  const error = (field: string) => (checked ? clientErrors[field] : undefined) ?? action.fields[field];
  /** A field changed: the server's word on it no longer holds. */
  const edited = (field: string) =>
    action.setFields((f) => {
      const { [field]: _, ...rest } = f;
      return rest;
    });
  const setLine = (i: number, change: Partial<LineDraft>) =>
    setLines((ls) => ls.map((l, j) => (i === j ? { ...l, ...change } : l)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    setIssued(null);
    const due = endOfDay(dueDay);
    if (Object.keys(clientErrors).length > 0 || !due) {
      action.clear();
      return;
    }
    void action.run(async () => {
      try {
        const doc = await call(
          client.POST('/api/v1/staff/billing/proformas', {
            body: {
              accountId: accountId.trim(),
              dueAt: due.toISOString(),
              lines: lines.map((l) => ({
                description: l.description.trim(),
                quantity: Number(l.quantity.trim()),
                unitCents: parseEuros(l.price) ?? 0,
              })),
            },
          }),
        );
        setIssued(doc);
        setLines([blank()]);
        setChecked(false);
        onIssued(doc);
      } catch (err) {
        throw inWords(err, { 403: w.problems.forbidden, 404: w.problems.noAccount, 422: w.problems.invalid });
      }
    });
  };

  return (
    <Card title={w.issueTitle}>
      <form onSubmit={submit} noValidate aria-label={w.issueTitle}>
        {action.error && <Alert kind="error">{action.error}</Alert>}
        {issued && (
          <Alert kind="success">
            {w.issued(
              issued.name,
              euros(issued.totalCents, issued.currency),
              issued.dueAt ? formatDay(issued.dueAt) : '—',
            )}{' '}
            {w.itsId} <code>{issued.id}</code>
          </Alert>
        )}
        <div className="row">
          <Field
            label={w.accountId}
            hint={w.accountIdHint}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={accountId}
            error={error('accountId')}
            onChange={(e) => {
              setAccountId(e.target.value);
              edited('accountId');
            }}
          />
          <Field
            label={w.dueAt}
            hint={w.dueAtHint}
            type="date"
            min={today}
            value={dueDay}
            error={error('dueAt')}
            onChange={(e) => {
              setDueDay(e.target.value);
              edited('dueAt');
            }}
          />
        </div>
        <fieldset className="group">
          <legend>{w.lines}</legend>
          <div ref={linesRef}>
            {lines.map((l, i) => (
              <fieldset className="group billing-line" key={l.key}>
                <legend>{w.line(i + 1)}</legend>
                <div className="row option-row">
                  <Field
                    label={w.description}
                    value={l.description}
                    maxLength={200}
                    error={error(`lines.${i}.description`)}
                    onChange={(e) => {
                      setLine(i, { description: e.target.value });
                      edited(`lines.${i}.description`);
                    }}
                  />
                  <Field
                    label={w.quantity}
                    inputMode="numeric"
                    value={l.quantity}
                    error={error(`lines.${i}.quantity`)}
                    onChange={(e) => {
                      setLine(i, { quantity: e.target.value });
                      edited(`lines.${i}.quantity`);
                    }}
                  />
                  <Field
                    label={w.unitPrice}
                    inputMode="decimal"
                    value={l.price}
                    error={error(`lines.${i}.unitCents`)}
                    onChange={(e) => {
                      setLine(i, { price: e.target.value });
                      edited(`lines.${i}.unitCents`);
                    }}
                  />
                  {lines.length > 1 && (
                    <Button
                      type="button"
                      variant="secondary"
                      className="btn btn-secondary btn-small option-remove"
                      onClick={() => {
                        // The server's words on the lines named them by position, which has just changed.
                        action.clear();
                        setLines((ls) => ls.filter((_, j) => j !== i));
                        setFocusLine(Math.max(0, i - 1));
                      }}
                    >
                      {w.removeLine(i + 1)}
                    </Button>
                  )}
                </div>
              </fieldset>
            ))}
          </div>
          {lines.length < 100 && (
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setLines((ls) => [...ls, blank()]);
                setFocusLine(lines.length);
              }}
            >
              {w.addLine}
            </Button>
          )}
          {action.fields.lines && <p className="field-error">{action.fields.lines}</p>}
        </fieldset>
        <Button type="submit" busy={action.busy}>
          {w.issue}
        </Button>
      </form>
    </Card>
  );
}

/** A transfer or Multibanco payment reached the bank: the proforma is paid and its invoice issued. */
function TransferReceived({
  proformaId,
  onProformaId,
  onPaid,
}: {
  proformaId: string;
  onProformaId: (id: string) => void;
  onPaid: () => void;
}) {
  const w = useWords(words);
  const { euros } = useDocumentFormat();
  const action = useAction();
  const [reference, setReference] = useState('');
  const [method, setMethod] = useState<string>('transfer');
  const [checked, setChecked] = useState(false);
  const [invoice, setInvoice] = useState<BillingDocument | null>(null);
  const clientErrors: Record<string, string> = {};
  if (!proformaId.trim()) clientErrors.id = w.required;
  if (!reference.trim()) clientErrors.reference = w.required;
  const chosen = methods.find((m) => m === method);
  if (!chosen) clientErrors.method = w.chooseMethod;
  const error = (field: string) => (checked ? clientErrors[field] : undefined) ?? action.fields[field];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    setInvoice(null);
    if (Object.keys(clientErrors).length > 0 || !chosen) {
      action.clear();
      return;
    }
    void action.run(async () => {
      try {
        const doc = await call(
          client.POST('/api/v1/staff/billing/proformas/{id}/transfer-received', {
            params: { path: { id: proformaId.trim() } },
            body: { method: chosen, reference: reference.trim() },
          }),
        );
        setInvoice(doc);
        setReference('');
        setChecked(false);
        onPaid();
      } catch (err) {
        throw inWords(err, {
          403: w.problems.forbidden,
          404: w.problems.noProforma,
          409: w.problems.payCancelled,
          422: w.problems.invalid,
        });
      }
    });
  };

  return (
    <Card title={w.transferTitle}>
      <p className="muted">{w.transferText}</p>
      <form onSubmit={submit} noValidate aria-label={w.transferTitle}>
        {action.error && <Alert kind="error">{action.error}</Alert>}
        {invoice && (
          <Alert kind="success">
            {w.invoiced(invoice.name, invoice.atcud, euros(invoice.totalCents, invoice.currency))}
          </Alert>
        )}
        <div className="row">
          <Field
            label={w.proformaId}
            hint={w.proformaIdHint}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={proformaId}
            error={error('id')}
            onChange={(e) => {
              onProformaId(e.target.value);
              action.clear();
            }}
          />
          <Field
            label={w.reference}
            hint={w.referenceHint}
            autoComplete="off"
            maxLength={100}
            value={reference}
            error={error('reference')}
            onChange={(e) => {
              setReference(e.target.value);
              action.setFields(({ reference: _, ...rest }) => rest);
            }}
          />
          <SelectField
            label={w.method}
            placeholder={w.chooseMethod}
            value={method}
            error={error('method')}
            onChange={(e) => {
              setMethod(e.target.value);
              action.setFields(({ method: _, ...rest }) => rest);
            }}
            options={methods.map((m) => ({ value: m, label: w.methods[m] }))}
          />
        </div>
        <Button type="submit" busy={action.busy}>
          {w.markPaid}
        </Button>
      </form>
    </Card>
  );
}

/** Cancelling an open proforma, after a confirmation: it keeps its number. */
function CancelProforma({
  proformaId,
  onProformaId,
  onCancelled,
}: {
  proformaId: string;
  onProformaId: (id: string) => void;
  onCancelled: () => void;
}) {
  const w = useWords(words);
  const action = useAction();
  const [checked, setChecked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [cancelled, setCancelled] = useState<BillingDocument | null>(null);
  const id = proformaId.trim();
  const missing = checked && !id ? w.required : undefined;

  const ask = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    setCancelled(null);
    action.clear();
    if (id) setConfirming(true);
  };
  const cancel = async () => {
    await action.run(async () => {
      try {
        const doc = await call(
          client.POST('/api/v1/staff/billing/proformas/{id}/cancel', { params: { path: { id } } }),
        );
        setCancelled(doc);
        setChecked(false);
        onCancelled();
      } catch (err) {
        throw inWords(err, { 403: w.problems.forbidden, 404: w.problems.noProforma, 409: w.problems.notOpen });
      }
    });
    setConfirming(false);
  };

  return (
    <Card title={w.cancelTitle}>
      <p className="muted">{w.cancelText}</p>
      <form onSubmit={ask} noValidate aria-label={w.cancelTitle}>
        {action.error && <Alert kind="error">{action.error}</Alert>}
        {cancelled && <Alert kind="success">{w.cancelled(cancelled.name)}</Alert>}
        <div className="inline-form">
          <Field
            label={w.proformaId}
            hint={w.proformaIdHint}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={proformaId}
            error={missing ?? action.fields.id}
            onChange={(e) => {
              onProformaId(e.target.value);
              action.clear();
            }}
          />
          <Button type="submit" variant="danger">
            {w.cancel}
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={w.confirmTitle}
        confirmLabel={w.cancel}
        busy={action.busy}
        onConfirm={() => void cancel()}
        onClose={() => setConfirming(false)}
      >
        <p>{w.confirmText(id)}</p>
      </ConfirmDialog>
    </Card>
  );
}

/**
 * The staff console's billing: who owes what (and suspending, reactivating, giving or withdrawing
 * notice), the billing run, issuing a proforma, recording its transfer (its invoice issued), or
 * cancelling it. Audited.
 */
export function StaffBilling() {
  const w = useWords(words);
  const queries = useQueryClient();
  const roles = useQuery(staffSession).data?.staff?.roles ?? [];
  const bills = roles.some((r) => r === 'billing' || r === 'admin');
  // The proforma just issued is the one the other two forms most likely need next.
  const [payId, setPayId] = useState('');
  const [cancelId, setCancelId] = useState('');
  // What the forms below change, the overview shows.
  const refresh = () => void queries.invalidateQueries({ queryKey: overviewKey });
  // A proforma picked in the overview: its transfer form is filled in, and the keyboard goes there.
  const transferRef = useRef<HTMLDivElement>(null);
  const pick = (id: string) => {
    setPayId(id);
    const field = transferRef.current?.querySelector('input');
    field?.scrollIntoView({ block: 'center' });
    field?.focus();
  };
  return (
    <>
      <h1>{w.title}</h1>
      {!bills ? (
        <Alert>{w.notAllowed}</Alert>
      ) : (
        <>
          <Alert>{w.text}</Alert>
          <BillingOverview onPick={pick} />
          <RunBilling />
          <IssueProforma
            onIssued={(d) => {
              if (d.kind === 'proforma') {
                setPayId(d.id);
                setCancelId(d.id);
              }
              refresh();
            }}
          />
          <div ref={transferRef}>
            <TransferReceived proformaId={payId} onProformaId={setPayId} onPaid={refresh} />
          </div>
          <CancelProforma proformaId={cancelId} onProformaId={setCancelId} onCancelled={refresh} />
        </>
      )}
    </>
  );
}
