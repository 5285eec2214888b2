import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { ApiError, call, client, type ResponseOf } from '../../api';
import { useI18n } from '../../i18n';
import { useActing } from '../../session';
import { Alert, Button, Card, useToast } from '../../ui/ui';
import { ConfirmDialog, shopKey, useAction, useMoney, useWords } from './shared';

type Offer = ResponseOf<'/api/v1/plans', 'get'>['items'][number];
type Subscription = NonNullable<ResponseOf<'/api/v1/shops/{shopId}/subscription', 'get'>['subscription']>;
type Period = Subscription['period'];
const periods = ['monthly', 'yearly'] as const satisfies readonly Period[];

const words = {
  en: {
    title: 'Plan',
    text: 'The plan your shop runs under, and what it costs. Each period is billed with a proforma invoice, which you pay in Invoices; prices exclude VAT.',
    suspended: {
      before: 'This shop is suspended for non-payment: pay the open proforma in ',
      link: 'Invoices',
      after: ' to bring it back.',
      since: (date: string) => `Its storefront has been off the web since ${date}.`,
    },
    notice: (given: string, effective: string) =>
      `SellRocket gave notice on ${given} that this shop’s plan will be cancelled on ${effective}; the shop then goes off the web.`,
    noticeHow: { before: 'Paying your overdue proforma invoices in ', link: 'Invoices', after: ' withdraws it.' },
    current: 'Your plan',
    none: 'This shop runs under no plan yet. Choose one below: its first proforma invoice is issued and emailed to you.',
    plan: 'Plan',
    period: 'Billing period',
    periods: { monthly: 'Monthly', yearly: 'Yearly' },
    price: 'Price',
    status: 'Status',
    statuses: { active: 'Active', cancel_requested: 'Cancellation requested', cancelled: 'Cancelled' },
    suspendedBadge: 'Suspended for non-payment',
    currentPeriod: 'Current period',
    from: (start: string, end: string) => `${start} to ${end}`,
    periodEnds: 'Current period ends',
    cancelRequested: (asked: string, end: string) =>
      `You asked on ${asked} to cancel this plan: it ends on ${end}, with the period already billed, and nothing more is billed. The shop then goes off the web until a plan is chosen again.`,
    cancel: 'Cancel plan',
    confirmTitle: 'Cancel this plan?',
    confirmText: (plan: string, end: string) =>
      `The shop keeps the ${plan} plan until ${end}, the end of the period already billed; nothing more is billed. After that the shop goes off the web until a plan is chosen again.`,
    cancelled: (end: string) => `Your plan is cancelled: it ends on ${end}.`,
    plans: 'Plans',
    plansText: 'Prices exclude VAT. A year costs ten months.',
    choosePeriod: 'Pay',
    choosePeriods: { monthly: 'Every month', yearly: 'Every year (two months free)' },
    perMonth: '/ month',
    perYear: '/ year',
    yearly: (price: string) => `or ${price} a year`,
    products: (n: number | null) => (n === null ? 'Unlimited products' : `Up to ${n} products`),
    staffUsers: (n: number | null) =>
      n === null ? 'Unlimited staff users' : n === 1 ? 'One staff user' : `Up to ${n} staff users`,
    storage: (mb: number) => (mb >= 1024 ? `${mb / 1024} GB of storage` : `${mb} MB of storage`),
    yours: 'Your plan',
    choose: 'Choose this plan',
    chooseLabel: (plan: string, period: string) => `Choose this plan: ${plan}, ${period.toLowerCase()}`,
    chosen: {
      before: (plan: string) =>
        `The ${plan} plan is yours. Its first proforma invoice was issued and emailed to you: pay it in `,
      link: 'Invoices',
      after: '.',
    },
    noUpgrades: 'Choosing or cancelling a plan is not among your permissions on this account.',
    problems: {
      taken: 'This shop already runs under a plan.',
      noPlan: 'There is no such plan.',
      notActive: 'This shop has no active plan to cancel.',
    },
  },
  'pt-PT': {
    title: 'Plano',
    text: 'O plano em que a sua loja funciona, e quanto custa. Cada período é faturado com uma fatura pró-forma, que paga em Faturas; os preços não incluem IVA.',
    suspended: {
      before: 'Esta loja está suspensa por falta de pagamento: pague a fatura pró-forma em aberto em ',
      link: 'Faturas',
      after: ' para a reativar.',
      since: (date: string) => `A loja online está fora do ar desde ${date}.`,
    },
    notice: (given: string, effective: string) =>
      `A SellRocket avisou a ${given} que o plano desta loja será cancelado a ${effective}; a loja fica então fora do ar.`,
    noticeHow: { before: 'Pagar as faturas pró-forma em atraso, em ', link: 'Faturas', after: ', retira o aviso.' },
    current: 'O seu plano',
    none: 'Esta loja ainda não tem plano. Escolha um abaixo: a primeira fatura pró-forma é emitida e enviada por email.',
    plan: 'Plano',
    period: 'Periodicidade',
    periods: { monthly: 'Mensal', yearly: 'Anual' },
    price: 'Preço',
    status: 'Estado',
    statuses: { active: 'Ativo', cancel_requested: 'Cancelamento pedido', cancelled: 'Cancelado' },
    suspendedBadge: 'Suspenso por falta de pagamento',
    currentPeriod: 'Período atual',
    from: (start: string, end: string) => `De ${start} a ${end}`,
    periodEnds: 'O período atual termina a',
    cancelRequested: (asked: string, end: string) =>
      `Pediu a ${asked} o cancelamento deste plano: termina a ${end}, com o período já faturado, e nada mais é faturado. A loja fica então fora do ar até ser escolhido um novo plano.`,
    cancel: 'Cancelar o plano',
    confirmTitle: 'Cancelar este plano?',
    confirmText: (plan: string, end: string) =>
      `A loja mantém o plano ${plan} até ${end}, o fim do período já faturado; nada mais é faturado. Depois, a loja fica fora do ar até ser escolhido um novo plano.`,
    cancelled: (end: string) => `O seu plano foi cancelado: termina a ${end}.`,
    plans: 'Planos',
    plansText: 'Os preços não incluem IVA. Um ano custa dez meses.',
    choosePeriod: 'Pagar',
    choosePeriods: { monthly: 'Todos os meses', yearly: 'Todos os anos (dois meses grátis)' },
    perMonth: '/ mês',
    perYear: '/ ano',
    yearly: (price: string) => `ou ${price} por ano`,
    products: (n: number | null) => (n === null ? 'Produtos ilimitados' : `Até ${n} produtos`),
    staffUsers: (n: number | null) =>
      n === null ? 'Utilizadores ilimitados' : n === 1 ? 'Um utilizador' : `Até ${n} utilizadores`,
    storage: (mb: number) => (mb >= 1024 ? `${mb / 1024} GB de armazenamento` : `${mb} MB de armazenamento`),
    yours: 'O seu plano',
    choose: 'Escolher este plano',
    chooseLabel: (plan: string, period: string) => `Escolher este plano: ${plan}, ${period.toLowerCase()}`,
    chosen: {
      before: (plan: string) =>
        `O plano ${plan} é seu. A primeira fatura pró-forma foi emitida e enviada por email: pague-a em `,
      link: 'Faturas',
      after: '.',
    },
    noUpgrades: 'Escolher ou cancelar um plano não faz parte das suas permissões nesta conta.',
    problems: {
      taken: 'Esta loja já tem um plano.',
      noPlan: 'Esse plano não existe.',
      notActive: 'Esta loja não tem nenhum plano ativo para cancelar.',
    },
  },
} as const;

/** The plans change with a release, not while a page is open. */
const plansQuery = queryOptions({
  queryKey: ['plans'],
  queryFn: async () => (await call(client.GET('/api/v1/plans'))).items,
  staleTime: 5 * 60_000,
});
const subscriptionKey = (shopId: string) => shopKey(shopId, 'subscription');

/** The server's problem in this page's words when it is one the page knows (by status). */
function inWords(err: unknown, byStatus: Partial<Record<number, string>>): unknown {
  if (!(err instanceof ApiError)) return err;
  const said = byStatus[err.status];
  return said ? new ApiError(err.status, err.type, said, err.errors) : err;
}

/** The way to Invoices, for whoever may open them (`invoices`); for anyone else its name alone. */
function InvoicesLink({ children }: { children: string }) {
  return useActing().can('invoices') ? <Link to="/account/invoices">{children}</Link> : children;
}

/** The shop's plan and subscription: what it runs under, choosing a plan, cancelling it, and why it is off the web. */
export function Plan() {
  const { t, formatDay } = useI18n();
  const w = useWords(words);
  const { shopId } = useParams({ from: '/account/shops/$shopId/plan' });
  const plans = useQuery(plansQuery);
  const subscription = useQuery({
    queryKey: subscriptionKey(shopId),
    queryFn: async () =>
      (await call(client.GET('/api/v1/shops/{shopId}/subscription', { params: { path: { shopId } } }))).subscription,
    // Staff may have suspended the shop, or a payment brought it back, since the last visit.
    staleTime: 0,
  });
  const error = plans.error ?? subscription.error;
  if (error)
    return (
      <>
        <h1>{w.title}</h1>
        <Alert kind="error">{error.message}</Alert>
      </>
    );
  if (!plans.data || subscription.data === undefined)
    return (
      <>
        <h1>{w.title}</h1>
        <p>{t('common.loading')}</p>
      </>
    );
  const sub = subscription.data;
  return (
    <>
      <h1>{w.title}</h1>
      <p className="lead">{w.text}</p>
      {sub?.suspendedAt && (
        <Alert kind="error">
          {w.suspended.before}
          <InvoicesLink>{w.suspended.link}</InvoicesLink>
          {w.suspended.after} {w.suspended.since(formatDay(sub.suspendedAt))}
        </Alert>
      )}
      {sub?.cancelNoticeAt && sub.cancelEffectiveAt && (
        <Alert kind="error">
          {w.notice(formatDay(sub.cancelNoticeAt), formatDay(sub.cancelEffectiveAt))} {w.noticeHow.before}
          <InvoicesLink>{w.noticeHow.link}</InvoicesLink>
          {w.noticeHow.after}
        </Alert>
      )}
      <CurrentPlan shopId={shopId} sub={sub} plans={plans.data} />
      <PlanChoice shopId={shopId} sub={sub} plans={plans.data} />
    </>
  );
}

/** What the shop runs under now, and cancelling it (after a confirmation) while it is active. */
function CurrentPlan({ shopId, sub, plans }: { shopId: string; sub: Subscription | null; plans: Offer[] }) {
  const { formatDay } = useI18n();
  const w = useWords(words);
  const money = useMoney();
  const toast = useToast();
  const queries = useQueryClient();
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const upgrades = useActing().can('orders-upgrades');
  if (!sub)
    return (
      <Card title={w.current}>
        <p>{w.none}</p>
      </Card>
    );
  const plan = plans.find((p) => p.id === sub.planId);
  const planName = plan?.name ?? sub.planId;
  const end = formatDay(sub.currentPeriodEnd);
  const cancel = async () => {
    await action.run(async () => {
      try {
        const changed = await call(
          client.POST('/api/v1/shops/{shopId}/subscription/cancel', { params: { path: { shopId } } }),
        );
        queries.setQueryData(subscriptionKey(shopId), changed);
        toast(w.cancelled(formatDay(changed.currentPeriodEnd)));
      } catch (err) {
        void queries.invalidateQueries({ queryKey: subscriptionKey(shopId) });
        throw inWords(err, { 409: w.problems.notActive });
      }
    });
    setConfirming(false);
  };
  return (
    <Card title={w.current}>
      {action.error && <Alert kind="error">{action.error}</Alert>}
      <dl className="facts">
        <dt>{w.plan}</dt>
        <dd>{planName}</dd>
        <dt>{w.period}</dt>
        <dd>{w.periods[sub.period]}</dd>
        {plan && (
          <>
            <dt>{w.price}</dt>
            <dd>
              {sub.period === 'yearly'
                ? `${money(plan.yearlyCents)} ${w.perYear}`
                : `${money(plan.monthlyCents)} ${w.perMonth}`}
            </dd>
          </>
        )}
        <dt>{w.status}</dt>
        <dd>
          <span className={sub.status === 'active' ? 'badge' : 'badge badge-document-open'}>
            {w.statuses[sub.status]}
          </span>
          {sub.suspendedAt && (
            <>
              {' '}
              <span className="badge badge-suspended">{w.suspendedBadge}</span>
            </>
          )}
        </dd>
        <dt>{w.currentPeriod}</dt>
        <dd>{w.from(formatDay(sub.currentPeriodStart), end)}</dd>
        <dt>{w.periodEnds}</dt>
        <dd>{end}</dd>
      </dl>
      {sub.status === 'cancel_requested' && sub.cancelRequestedAt && (
        <p>{w.cancelRequested(formatDay(sub.cancelRequestedAt), end)}</p>
      )}
      {sub.status === 'active' && upgrades && (
        <div className="actions form-actions">
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {w.cancel}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={w.confirmTitle}
        confirmLabel={w.cancel}
        busy={action.busy}
        onConfirm={() => void cancel()}
        onClose={() => setConfirming(false)}
      >
        <p>{w.confirmText(planName, end)}</p>
      </ConfirmDialog>
    </Card>
  );
}

/** The plans with their prices and limits; with no plan yet, choosing one (its first proforma is issued). */
function PlanChoice({ shopId, sub, plans }: { shopId: string; sub: Subscription | null; plans: Offer[] }) {
  const w = useWords(words);
  const money = useMoney();
  const queries = useQueryClient();
  const action = useAction();
  const id = useId();
  const [period, setPeriod] = useState<Period>('monthly');
  const [choosing, setChoosing] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  // Only who may choose a plan (`orders-upgrades`) is offered the choice; the others see the plans.
  const upgrades = useActing().can('orders-upgrades');
  const choose = (plan: Offer) => {
    setChoosing(plan.id);
    setChosen(null);
    void action.run(async () => {
      try {
        const created = await call(
          client.POST('/api/v1/shops/{shopId}/subscription', {
            params: { path: { shopId } },
            body: { planId: plan.id, period },
          }),
        );
        queries.setQueryData(subscriptionKey(shopId), created);
        setChosen(plan.name);
        // Its first proforma is in Invoices now.
        void queries.invalidateQueries({ queryKey: ['account', 'invoices'] });
      } catch (err) {
        void queries.invalidateQueries({ queryKey: subscriptionKey(shopId) });
        throw inWords(err, { 409: w.problems.taken, 422: w.problems.noPlan });
      }
    });
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{w.plans}</h2>
      <p className="muted">{w.plansText}</p>
      {action.error && <Alert kind="error">{action.error}</Alert>}
      {chosen && (
        <Alert kind="success">
          {w.chosen.before(chosen)}
          <InvoicesLink>{w.chosen.link}</InvoicesLink>
          {w.chosen.after}
        </Alert>
      )}
      {!sub && !upgrades && <p>{w.noUpgrades}</p>}
      {!sub && upgrades && (
        <fieldset className="group radios">
          <legend>{w.choosePeriod}</legend>
          {periods.map((p) => (
            <div className="checkbox" key={p}>
              <input
                type="radio"
                id={`${id}-${p}`}
                name={`${id}-period`}
                checked={period === p}
                onChange={() => setPeriod(p)}
              />
              <label htmlFor={`${id}-${p}`}>{w.choosePeriods[p]}</label>
            </div>
          ))}
        </fieldset>
      )}
      <div className="grid-3">
        {plans.map((plan) => (
          <Card key={plan.id} title={plan.name} headingLevel={3}>
            <p className="price">
              {money(plan.monthlyCents)} <span className="muted">{w.perMonth}</span>
            </p>
            <p>{w.yearly(money(plan.yearlyCents))}</p>
            <ul className="plain-list">
              <li>{w.products(plan.limits.products)}</li>
              <li>{w.staffUsers(plan.limits.staffUsers)}</li>
              <li>{w.storage(plan.limits.storageMb)}</li>
            </ul>
            {sub?.planId === plan.id ? (
              <p>
                <span className="badge">{w.yours}</span>
              </p>
            ) : (
              !sub &&
              upgrades && (
                <Button
                  type="button"
                  variant="secondary"
                  busy={action.busy && choosing === plan.id}
                  disabled={action.busy}
                  aria-label={w.chooseLabel(plan.name, w.periods[period])}
                  onClick={() => choose(plan)}
                >
                  {w.choose}
                </Button>
              )
            )}
          </Card>
        ))}
      </div>
    </section>
  );
}
