export interface MailOutboxTable {
  id: string;
  account_id: string | null;
  sender: string;
  purpose: 'service' | 'security' | 'marketing';
  to_address: string | null;
  from_name: string | null;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  status: 'queued' | 'held' | 'sent' | 'failed' | 'suppressed';
  attempts: number;
  next_attempt_at: Date | null;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  cleared_at: Date | null;
}

export interface MailTables {
  mail_outbox: MailOutboxTable;
}
