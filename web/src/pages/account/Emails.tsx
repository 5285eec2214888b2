import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { Alert, Card, Table } from '../../ui/ui';
import { Pager, useWords } from '../shop/shared';
import { MailStatusBadge, MailView, useMailWords } from './MailView';

const words = {
  en: {
    title: 'Emails',
    text: 'The emails SellRocket sent you, newest first. They are kept as your correspondence with us: they are in the copy of your data you can ask for, and go with your account when it is erased.',
    none: 'SellRocket has not sent you any email yet.',
    subject: 'Subject',
    status: 'Status',
    written: 'Written',
    sent: 'Sent',
    count: (n: number) => (n === 1 ? '1 email' : `${n} emails`),
    open: (subject: string) => `Open the email “${subject}”`,
    back: 'All emails',
  },
  'pt-PT': {
    title: 'Emails',
    text: 'Os emails que a SellRocket lhe enviou, do mais recente para o mais antigo. São guardados como a sua correspondência connosco: fazem parte da cópia dos seus dados que pode pedir, e são apagados com a sua conta.',
    none: 'A SellRocket ainda não lhe enviou nenhum email.',
    subject: 'Assunto',
    status: 'Estado',
    written: 'Data',
    sent: 'Envio',
    count: (n: number) => (n === 1 ? '1 email' : `${n} emails`),
    open: (subject: string) => `Abrir o email “${subject}”`,
    back: 'Todos os emails',
  },
} as const;

const perPage = 25;

/** The customer's correspondence with SellRocket (RT2): every email the platform sent them, paginated. */
export function Emails() {
  const { t, formatDate } = useI18n();
  const w = useWords(words);
  const mw = useMailWords();
  const search = useSearch({ from: '/account/emails' });
  const navigate = useNavigate({ from: '/account/emails' });
  const page = search.page ?? 1;
  const list = useQuery({
    queryKey: ['account', 'emails', page],
    queryFn: () => call(client.GET('/api/v1/account/emails', { params: { query: { page, perPage } } })),
    placeholderData: keepPreviousData,
    // A new email may have been sent since the last visit.
    staleTime: 0,
  });
  const data = list.data;
  return (
    <>
      <h1>{w.title}</h1>
      <p className="lead">{w.text}</p>
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
              head={[w.subject, w.status, w.written, w.sent]}
              empty={w.none}
              rows={data.items.map((m) => {
                const subject = m.subject ?? mw.noSubject;
                return [
                  <Link key={m.id} to="/account/emails/$id" params={{ id: m.id }} aria-label={w.open(subject)}>
                    {subject}
                  </Link>,
                  <MailStatusBadge key="s" status={m.status} />,
                  formatDate(m.createdAt),
                  m.sentAt ? formatDate(m.sentAt) : '—',
                ];
              })}
            />
            <Pager
              page={page}
              perPage={perPage}
              total={data.total}
              onPage={(p) => void navigate({ search: p > 1 ? { page: p } : {} })}
            />
          </>
        )}
      </Card>
    </>
  );
}

/** One email, as text; its HTML part in a sandboxed frame on request. */
export function Email() {
  const { t } = useI18n();
  const w = useWords(words);
  const { id } = useParams({ from: '/account/emails/$id' });
  const found = useQuery({
    queryKey: ['account', 'email', id],
    queryFn: () => call(client.GET('/api/v1/account/emails/{id}', { params: { path: { id } } })),
  });
  return (
    <>
      <p>
        <Link to="/account/emails">← {w.back}</Link>
      </p>
      {found.data ? (
        <MailView key={found.data.id} mail={found.data} />
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
