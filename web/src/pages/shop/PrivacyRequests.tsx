import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearch } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { call, client, type ResponseOf } from '../../api';
import { useI18n } from '../../i18n';
import { Alert, Button, Card, Table, TextArea, useToast } from '../../ui/ui';
import { audited, shopKey, useAction, useWords } from './shared';

type Request = ResponseOf<'/api/v1/shops/{shopId}/privacy-requests', 'get'>['items'][number];
type Act = 'answer' | 'extend' | 'refuse';

const words = {
  en: {
    title: 'Privacy requests',
    text: 'Your shop is the controller of its shoppers’ data and SellRocket its processor: you answer these requests, each within a month of receiving it.',
    show: 'Requests to show',
    open: 'Waiting for an answer',
    closed: 'Answered or refused',
    noneOpen: 'No request is waiting for an answer.',
    noneClosed: 'No request has been answered or refused yet.',
    kind: 'Request',
    via: 'Came through',
    email: 'Email',
    received: 'Received',
    due: 'Due by',
    status: 'Status',
    actions: 'Actions',
    overdue: 'Overdue',
    kinds: { access: 'Copy of their data', erasure: 'Erasure of their data' },
    vias: { account: 'Their account', form: 'Privacy form', platform: 'Forwarded by SellRocket' },
    statuses: { open: 'Open', extended: 'Extended', answered: 'Answered', refused: 'Refused' },
    extendedBecause: (reason: string) => `Extended: ${reason}`,
    refusedBecause: (reason: string) => `Refused: ${reason}`,
    closedOn: { answered: (day: string) => `Answered on ${day}`, refused: (day: string) => `Refused on ${day}` },
    actionsFor: (email: string) => `Actions for the request from ${email}`,
    answer: 'Answer',
    extend: 'Extend',
    refuse: 'Refuse',
    answerTitle: {
      access: 'Send this shopper a copy of their data?',
      erasure: 'Erase this shopper’s data?',
    },
    answerText: {
      access: (email: string) =>
        `${email} is emailed a link to download everything this shop holds about them. The link works for 7 days.`,
      erasure: (email: string) =>
        `Everything this shop holds about ${email} is erased and they are told so. Orders that were invoiced keep their fiscal fields (name, tax number and billing address) for the legal period. This cannot be undone.`,
    },
    answerNone: 'If no shopper here has this email, they are told that the shop holds no data about them.',
    extendTitle: 'Extend the time to answer',
    extendText:
      'A request can be extended once, by one or two months, when it is complex or one of many. The shopper is emailed the reason.',
    months: 'Extend by',
    oneMonth: 'One month',
    twoMonths: 'Two months',
    reason: 'Reason',
    extendHint: 'Sent to the shopper as you write it.',
    refuseTitle: 'Refuse this request',
    refuseText:
      'Refuse only when the law allows it (for example a request that is manifestly unfounded). The shopper is emailed the reason and told they may complain to the CNPD.',
    refuseHint: 'Sent to the shopper as you write it.',
    reasonRequired: 'Write the reason: the shopper is told it.',
    done: { answer: 'Request answered.', extend: 'Request extended.', refuse: 'Request refused.' },
  },
  'pt-PT': {
    title: 'Pedidos de privacidade',
    text: 'A sua loja é a responsável pelo tratamento dos dados dos seus clientes e a SellRocket a subcontratante: é a loja que responde a estes pedidos, cada um no prazo de um mês a contar da receção.',
    show: 'Pedidos a mostrar',
    open: 'A aguardar resposta',
    closed: 'Respondidos ou recusados',
    noneOpen: 'Nenhum pedido aguarda resposta.',
    noneClosed: 'Ainda nenhum pedido foi respondido ou recusado.',
    kind: 'Pedido',
    via: 'Chegou por',
    email: 'Email',
    received: 'Recebido',
    due: 'Prazo',
    status: 'Estado',
    actions: 'Ações',
    overdue: 'Em atraso',
    kinds: { access: 'Cópia dos dados', erasure: 'Apagamento dos dados' },
    vias: {
      account: 'A conta do cliente',
      form: 'Formulário de privacidade',
      platform: 'Reencaminhado pela SellRocket',
    },
    statuses: { open: 'Aberto', extended: 'Prorrogado', answered: 'Respondido', refused: 'Recusado' },
    extendedBecause: (reason: string) => `Prorrogado: ${reason}`,
    refusedBecause: (reason: string) => `Recusado: ${reason}`,
    closedOn: { answered: (day: string) => `Respondido a ${day}`, refused: (day: string) => `Recusado a ${day}` },
    actionsFor: (email: string) => `Ações para o pedido de ${email}`,
    answer: 'Responder',
    extend: 'Prorrogar',
    refuse: 'Recusar',
    answerTitle: {
      access: 'Enviar a este cliente uma cópia dos seus dados?',
      erasure: 'Apagar os dados deste cliente?',
    },
    answerText: {
      access: (email: string) =>
        `${email} recebe por email uma ligação para descarregar tudo o que esta loja guarda sobre si. A ligação funciona durante 7 dias.`,
      erasure: (email: string) =>
        `Tudo o que esta loja guarda sobre ${email} é apagado e a pessoa é informada. As encomendas faturadas mantêm os campos fiscais (nome, NIF e morada de faturação) durante o prazo legal. Não é possível desfazer.`,
    },
    answerNone:
      'Se nenhum cliente desta loja tiver este email, a pessoa é informada de que a loja não guarda dados seus.',
    extendTitle: 'Prorrogar o prazo de resposta',
    extendText:
      'Um pedido pode ser prorrogado uma vez, por um ou dois meses, quando é complexo ou um entre muitos. O cliente recebe o motivo por email.',
    months: 'Prorrogar por',
    oneMonth: 'Um mês',
    twoMonths: 'Dois meses',
    reason: 'Motivo',
    extendHint: 'Enviado ao cliente tal como o escrever.',
    refuseTitle: 'Recusar este pedido',
    refuseText:
      'Recuse apenas quando a lei o permite (por exemplo, um pedido manifestamente infundado). O cliente recebe o motivo por email e é informado de que pode apresentar queixa à CNPD.',
    refuseHint: 'Enviado ao cliente tal como o escrever.',
    reasonRequired: 'Escreva o motivo: o cliente é informado dele.',
    done: { answer: 'Pedido respondido.', extend: 'Pedido prorrogado.', refuse: 'Pedido recusado.' },
  },
} as const;

const isOpen = (r: Request) => r.status === 'open' || r.status === 'extended';

/** The shop's privacy queue: requests waiting for an answer by due date, or those already closed. */
export function PrivacyRequests() {
  const { t, formatDay } = useI18n();
  const w = useWords(words);
  const { shopId } = useParams({ from: '/account/shops/$shopId/privacy' });
  const { status = 'open' } = useSearch({ from: '/account/shops/$shopId/privacy' });
  const [acting, setActing] = useState<{ request: Request; act: Act } | null>(null);
  const list = useQuery({
    queryKey: shopKey(shopId, 'privacy-requests', status),
    queryFn: () =>
      call(client.GET('/api/v1/shops/{shopId}/privacy-requests', { params: { path: { shopId }, query: { status } } })),
    // Each read is audited (it names shoppers): asked again on every view, kept nowhere after.
    ...audited,
  });

  const due = (r: Request) => (
    <span>
      {formatDay(r.dueAt)}
      {r.overdue && isOpen(r) && (
        // A word, not only a colour, says it is late.
        <strong className="overdue"> · {w.overdue}</strong>
      )}
    </span>
  );
  const state = (r: Request) => (
    <>
      <span className={`badge badge-request-${r.status}`}>{w.statuses[r.status]}</span>
      {r.extensionReason && <span className="request-note muted">{w.extendedBecause(r.extensionReason)}</span>}
      {r.refusalReason && <span className="request-note muted">{w.refusedBecause(r.refusalReason)}</span>}
      {/* A refusal closes the request too, with the same date field. */}
      {r.answeredAt && (r.status === 'answered' || r.status === 'refused') && (
        <span className="request-note muted">{w.closedOn[r.status](formatDay(r.answeredAt))}</span>
      )}
    </>
  );
  const actions = (r: Request) =>
    isOpen(r) ? (
      <div className="actions" role="group" aria-label={w.actionsFor(r.email)}>
        <Button variant="secondary" onClick={() => setActing({ request: r, act: 'answer' })}>
          {w.answer}
        </Button>
        {/* An extension is granted once; after it the server answers 409, so the button goes. */}
        {!r.extendedAt && (
          <Button variant="secondary" onClick={() => setActing({ request: r, act: 'extend' })}>
            {w.extend}
          </Button>
        )}
        <Button variant="danger" onClick={() => setActing({ request: r, act: 'refuse' })}>
          {w.refuse}
        </Button>
      </div>
    ) : (
      ''
    );

  const tab = (value: 'open' | 'closed', label: string) => (
    <Link
      to="/account/shops/$shopId/privacy"
      params={{ shopId }}
      search={value === 'open' ? {} : { status: value }}
      className="tab"
      aria-current={status === value ? 'page' : undefined}
      activeOptions={{ includeSearch: true, exact: true }}
    >
      {label}
    </Link>
  );

  return (
    <>
      <h1>{w.title}</h1>
      <Alert>{w.text}</Alert>
      <nav aria-label={w.show} className="tabs">
        {tab('open', w.open)}
        {tab('closed', w.closed)}
      </nav>
      <Card>
        {!list.data ? (
          <p>{list.error ? list.error.message : t('common.loading')}</p>
        ) : (
          <Table
            caption={status === 'open' ? w.open : w.closed}
            head={[w.kind, w.via, w.email, w.received, w.due, w.status, ...(status === 'open' ? [w.actions] : [])]}
            empty={status === 'open' ? w.noneOpen : w.noneClosed}
            rows={list.data.items.map((r) => [
              w.kinds[r.kind],
              w.vias[r.via],
              r.email,
              formatDay(r.createdAt),
              due(r),
              state(r),
              ...(status === 'open' ? [actions(r)] : []),
            ])}
          />
        )}
      </Card>
      {acting && (
        <RequestDialog
          key={`${acting.request.id}:${acting.act}`}
          shopId={shopId}
          request={acting.request}
          act={acting.act}
          onClose={() => setActing(null)}
        />
      )}
    </>
  );
}

/** One action on one request, asked in a modal: answer (a confirmation), extend or refuse (with the reason). */
function RequestDialog({
  shopId,
  request,
  act,
  onClose,
}: {
  shopId: string;
  request: Request;
  act: Act;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const w = useWords(words);
  const toast = useToast();
  const queries = useQueryClient();
  const action = useAction();
  const [months, setMonths] = useState<1 | 2>(1);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const path = { shopId, requestId: request.id };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setReasonError(null);
    if (act !== 'answer' && !reason.trim()) {
      setReasonError(w.reasonRequired);
      return;
    }
    // Sent once: an answer mails the shopper or erases them, so a failure is shown, never retried.
    void action
      .run(async () => {
        if (act === 'answer')
          await call(client.POST('/api/v1/shops/{shopId}/privacy-requests/{requestId}/answer', { params: { path } }));
        else if (act === 'extend')
          await call(
            client.POST('/api/v1/shops/{shopId}/privacy-requests/{requestId}/extend', {
              params: { path },
              body: { months, reason: reason.trim() },
            }),
          );
        else
          await call(
            client.POST('/api/v1/shops/{shopId}/privacy-requests/{requestId}/refuse', {
              params: { path },
              body: { reason: reason.trim() },
            }),
          );
      })
      .then(async (ok) => {
        if (!ok) return;
        toast(w.done[act]);
        onClose();
        // An erasure also changes the shoppers and their orders.
        await queries.invalidateQueries({
          predicate: (q) =>
            q.queryKey[0] === 'shop' &&
            q.queryKey[1] === shopId &&
            ['privacy-requests', 'shoppers', 'shopper', 'orders'].includes(String(q.queryKey[2])),
        });
      });
  };

  let title: string;
  let body: ReactNode;
  let confirm: string;
  if (act === 'answer') {
    title = w.answerTitle[request.kind];
    confirm = w.answer;
    body = (
      <>
        <p>{w.answerText[request.kind](request.email)}</p>
        {!request.shopperId && <p className="muted">{w.answerNone}</p>}
      </>
    );
  } else if (act === 'extend') {
    title = w.extendTitle;
    confirm = w.extend;
    body = (
      <>
        <p>{w.extendText}</p>
        <fieldset className="group radios">
          <legend>{w.months}</legend>
          {([1, 2] as const).map((m) => (
            <div className="checkbox" key={m}>
              <input
                type="radio"
                id={`${id}-months-${m}`}
                name={`${id}-months`}
                checked={months === m}
                onChange={() => setMonths(m)}
              />
              <label htmlFor={`${id}-months-${m}`}>{m === 1 ? w.oneMonth : w.twoMonths}</label>
            </div>
          ))}
          {action.fields.months && (
            <p className="field-error" role="alert">
              {action.fields.months}
            </p>
          )}
        </fieldset>
        <TextArea
          label={w.reason}
          hint={w.extendHint}
          rows={3}
          maxLength={2000}
          value={reason}
          error={reasonError ?? action.fields.reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </>
    );
  } else {
    title = w.refuseTitle;
    confirm = w.refuse;
    body = (
      <>
        <p>{w.refuseText}</p>
        <TextArea
          label={w.reason}
          hint={w.refuseHint}
          rows={3}
          maxLength={2000}
          value={reason}
          error={reasonError ?? action.fields.reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </>
    );
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{title}</h2>
        <p className="muted">
          {w.kinds[request.kind]} · {request.email}
        </p>
        {action.error && <Alert kind="error">{action.error}</Alert>}
        {body}
        <div className="actions">
          <Button type="submit" variant={act === 'extend' ? 'primary' : 'danger'} busy={action.busy}>
            {confirm}
          </Button>
          <Button type="button" variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
