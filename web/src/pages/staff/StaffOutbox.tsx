import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { Alert, Button, Card, Field, SelectField, Table } from '../../ui/ui';
import { MailStatusBadge, mailStatuses, MailView, useMailWords } from '../account/MailView';
import { audited, Pager, useWords } from '../shop/shared';

const words = {
  en: {
    title: 'Outbox',
    text: 'Every message the platform sends goes through the outbox. Each list shown here and each message opened is recorded in the audit log. With no mail server configured (no SMTP_URL), nothing is sent: messages are held here, to be read.',
    filters: 'Find messages',
    status: 'Status',
    anyStatus: 'Any status',
    to: 'Recipient address',
    apply: 'Show',
    none: 'No message matches.',
    subject: 'Subject',
    recipient: 'To',
    purpose: 'Purpose',
    sender: 'Sender',
    attempts: 'Attempts',
    written: 'Written',
    sent: 'Sent',
    lastError: 'Last error',
    purposes: { service: 'Service', security: 'Security', marketing: 'Marketing' },
    platform: 'SellRocket',
    count: (n: number) => (n === 1 ? '1 message' : `${n} messages`),
    open: (subject: string) => `Open the message “${subject}”`,
    back: 'Outbox',
    audited: 'Your reading of this message was written to the audit log.',
  },
  'pt-PT': {
    title: 'Caixa de saída',
    text: 'Todas as mensagens que a plataforma envia passam pela caixa de saída. Cada lista mostrada aqui e cada mensagem aberta ficam registadas no registo de auditoria. Sem servidor de email configurado (sem SMTP_URL), nada é enviado: as mensagens ficam retidas aqui, para serem lidas.',
    filters: 'Procurar mensagens',
    status: 'Estado',
    anyStatus: 'Qualquer estado',
    to: 'Endereço do destinatário',
    apply: 'Mostrar',
    none: 'Nenhuma mensagem corresponde.',
    subject: 'Assunto',
    recipient: 'Para',
    purpose: 'Finalidade',
    sender: 'Remetente',
    attempts: 'Tentativas',
    written: 'Data',
    sent: 'Envio',
    lastError: 'Último erro',
    purposes: { service: 'Serviço', security: 'Segurança', marketing: 'Marketing' },
    platform: 'SellRocket',
    count: (n: number) => (n === 1 ? '1 mensagem' : `${n} mensagens`),
    open: (subject: string) => `Abrir a mensagem “${subject}”`,
    back: 'Caixa de saída',
    audited: 'A sua leitura desta mensagem ficou registada no registo de auditoria.',
  },
} as const;

const perPage = 25;

/** Every message of the outbox, newest first, by status and address: for support and admin staff (audited). */
export function StaffOutbox() {
  const { t, formatDate } = useI18n();
  const w = useWords(words);
  const mw = useMailWords();
  const search = useSearch({ from: '/staff/outbox' });
  const navigate = useNavigate({ from: '/staff/outbox' });
  const page = search.page ?? 1;
  // The query is the address's filters: a slower earlier answer can never show under a newer one.
  const list = useQuery({
    queryKey: ['staff', 'outbox', search],
    queryFn: () =>
      call(
        client.GET('/api/v1/staff/outbox', {
          params: {
            query: {
              page,
              perPage,
              ...(search.status ? { status: search.status } : {}),
              ...(search.to ? { to: search.to } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    ...audited,
  });
  const [draft, setDraft] = useState({ status: search.status ?? '', to: search.to ?? '' });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const status = mailStatuses.find((s) => s === draft.status);
    const to = draft.to.trim();
    void navigate({ search: { ...(status ? { status } : {}), ...(to ? { to } : {}) } });
  };
  const data = list.data;
  return (
    <>
      <h1>{w.title}</h1>
      <Alert>{w.text}</Alert>
      <Card title={w.filters}>
        <form role="search" aria-label={w.filters} onSubmit={apply} className="filters">
          <SelectField
            label={w.status}
            placeholder={w.anyStatus}
            value={draft.status}
            onChange={(e) => setDraft((d) => ({ ...d, status: e.target.value }))}
            options={mailStatuses.map((s) => ({ value: s, label: mw.status[s] }))}
          />
          <Field
            label={w.to}
            type="search"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            value={draft.to}
            onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
          />
          <Button type="submit">{w.apply}</Button>
        </form>
      </Card>
      <Card>
        {!data ? (
          list.error ? (
            <Alert kind="error">{list.error.message}</Alert>
          ) : (
            <p>{t('common.loading')}</p>
          )
        ) : (
          <>
            <p className="muted" role="status">
              {w.count(data.total)}
            </p>
            <Table
              caption={w.title}
              head={[w.subject, w.recipient, w.status, w.purpose, w.sender, w.attempts, w.written, w.sent, w.lastError]}
              empty={w.none}
              rows={data.items.map((m) => {
                const subject = m.subject ?? mw.noSubject;
                return [
                  <Link key={m.id} to="/staff/outbox/$id" params={{ id: m.id }} aria-label={w.open(subject)}>
                    {subject}
                  </Link>,
                  <span key="to" className="mail-address">
                    {m.to ?? '—'}
                  </span>,
                  <MailStatusBadge key="s" status={m.status} />,
                  w.purposes[m.purpose],
                  m.sender === 'platform' ? w.platform : <code key="sender">{m.sender}</code>,
                  m.attempts,
                  formatDate(m.createdAt),
                  m.sentAt ? formatDate(m.sentAt) : '—',
                  m.lastError ? (
                    <span key="e" className="mail-error">
                      {m.lastError}
                    </span>
                  ) : (
                    '—'
                  ),
                ];
              })}
            />
            <Pager
              page={page}
              perPage={perPage}
              total={data.total}
              onPage={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })}
            />
          </>
        )}
      </Card>
    </>
  );
}

/** One message whole, as text; its HTML part in a sandboxed frame on request. The reading is audited. */
export function StaffOutboxMessage() {
  const { t } = useI18n();
  const w = useWords(words);
  const { id } = useParams({ from: '/staff/outbox/$id' });
  const found = useQuery({
    queryKey: ['staff', 'outbox-message', id],
    queryFn: () => call(client.GET('/api/v1/staff/outbox/{id}', { params: { path: { id } } })),
    ...audited,
  });
  return (
    <>
      <p>
        <Link to="/staff/outbox">← {w.back}</Link>
      </p>
      {found.data ? (
        <MailView key={found.data.id} mail={found.data} note={<Alert>{w.audited}</Alert>} />
      ) : found.error ? (
        <>
          <h1>{w.title}</h1>
          <Alert kind="error">{found.error.message}</Alert>
        </>
      ) : (
        <p>{t('common.loading')}</p>
      )}
    </>
  );
}
