import { useState, type ReactNode } from 'react';
import type { ResponseOf } from '../../api';
import { useI18n } from '../../i18n';
import { Button, Card } from '../../ui/ui';
import { useWords } from '../shop/shared';

/** One message of the outbox, as the customer's Emails and the staff console's Outbox show it. */
export type MailMessage = ResponseOf<'/api/v1/account/emails/{id}', 'get'>;
export type MailStatus = MailMessage['status'];
export const mailStatuses = ['queued', 'held', 'sent', 'failed', 'suppressed'] as const satisfies readonly MailStatus[];

const words = {
  en: {
    status: { queued: 'Queued', held: 'Held', sent: 'Sent', failed: 'Failed', suppressed: 'Not sent (suppressed)' },
    noSubject: '(no subject)',
    from: 'From',
    to: 'To',
    statusLabel: 'Status',
    written: 'Written',
    sent: 'Sent',
    notSent: 'Not sent',
    message: 'Message',
    showHtml: 'Show as HTML',
    showText: 'Show as text',
    frame: (subject: string) => `${subject}, as HTML`,
    noText: 'This message has no text part.',
    cleared: 'The content of this message is no longer kept.',
  },
  'pt-PT': {
    status: {
      queued: 'Em fila',
      held: 'Retida',
      sent: 'Enviada',
      failed: 'Falhou',
      suppressed: 'Não enviada (suprimida)',
    },
    noSubject: '(sem assunto)',
    from: 'De',
    to: 'Para',
    statusLabel: 'Estado',
    written: 'Data',
    sent: 'Envio',
    notSent: 'Não enviada',
    message: 'Mensagem',
    showHtml: 'Mostrar em HTML',
    showText: 'Mostrar como texto',
    frame: (subject: string) => `${subject}, em HTML`,
    noText: 'Esta mensagem não tem parte de texto.',
    cleared: 'O conteúdo desta mensagem já não é guardado.',
  },
} as const;

export const useMailWords = () => useWords(words);

/** A message's status in words, as a badge. */
export function MailStatusBadge({ status }: { status: MailStatus }) {
  const w = useMailWords();
  return <span className={`badge badge-mail-${status}`}>{w.status[status]}</span>;
}

/**
 * A message whole: who, when, and its text (wrapped, as written). The HTML part is shown only on
 * request, in a sandboxed frame (no scripts, no same-origin access, no forms): never in this page.
 * `note` is shown under the heading.
 */
export function MailView({ mail, note }: { mail: MailMessage; note?: ReactNode }) {
  const { formatDate } = useI18n();
  const w = useMailWords();
  const [asHtml, setAsHtml] = useState(false);
  const subject = mail.subject ?? w.noSubject;
  const html = mail.html;
  return (
    <>
      <h1 className="mail-subject">{subject}</h1>
      {note}
      <Card>
        <dl className="facts">
          <dt>{w.from}</dt>
          <dd>{mail.fromName ?? 'SellRocket'}</dd>
          <dt>{w.to}</dt>
          <dd>{mail.to ?? '—'}</dd>
          <dt>{w.statusLabel}</dt>
          <dd>
            <MailStatusBadge status={mail.status} />
          </dd>
          <dt>{w.written}</dt>
          <dd>{formatDate(mail.createdAt)}</dd>
          <dt>{w.sent}</dt>
          <dd>{mail.sentAt ? formatDate(mail.sentAt) : w.notSent}</dd>
        </dl>
      </Card>
      <Card title={w.message}>
        {mail.text === null && html === null ? (
          <p className="muted">{w.cleared}</p>
        ) : (
          <>
            {html !== null && (
              <div className="actions">
                <Button variant="secondary" onClick={() => setAsHtml((v) => !v)}>
                  {asHtml ? w.showText : w.showHtml}
                </Button>
              </div>
            )}
            {asHtml && html !== null ? (
              <iframe className="mail-html" sandbox="" srcDoc={html} title={w.frame(subject)} />
            ) : mail.text !== null ? (
              <pre className="mail-text">{mail.text}</pre>
            ) : (
              <p className="muted">{w.noText}</p>
            )}
          </>
        )}
      </Card>
    </>
  );
}
