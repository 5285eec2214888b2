import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';

const correspondence = {
  purposes: ['service', 'support'],
  basis: 'contract',
  retention: 'mail-correspondence',
  recipients: ['hosting', 'backup', 'email-distribution'],
} as const;

/**
 * The outbox's table is the machinery's (src/core/mail: every module sends mail); its data is declared
 * here, with the pages that show it, after the account's in the data map and the policy.
 */
export const mailTables = declareTables({
  mail_outbox: {
    description:
      'Every email sent, through the outbox: the correspondence between SellRocket and a customer is kept (RT2); any other email is cleared once delivered.',
    label: { en: 'Emails we sent you', 'pt-PT': 'Emails que lhe enviámos' },
    document: 'Emails between SellRocket and you',
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    columns: {
      id: notPersonal('surrogate key (mail_…)'),
      account_id: notPersonal('reference to the account the email was sent to, when it was a customer'),
      sender: notPersonal("'platform' or the shop the email was sent for"),
      purpose: notPersonal('service, security or marketing'),
      to_address: personal({
        category: 'tracking',
        key: 'contact.email',
        ...correspondence,
        identifier: true,
      }),
      from_name: notPersonal("the sender's name (SellRocket or a shop)"),
      subject: personal({ category: 'communication', key: 'mail.subject', ...correspondence, source: 'usage' }),
      text_body: personal({ category: 'communication', key: 'mail.body', ...correspondence, source: 'usage' }),
      html_body: personal({ category: 'communication', key: 'mail.body', ...correspondence, source: 'usage' }),
      status: notPersonal('queued, held (no mail server configured), sent, failed or suppressed'),
      attempts: notPersonal('delivery attempts'),
      next_attempt_at: notPersonal('when delivery is tried again'),
      locked_until: notPersonal('lease of the process delivering it'),
      last_error: notPersonal("the mail server's last error (no message content)"),
      created_at: notPersonal('when it was queued'),
      sent_at: notPersonal('when it was delivered'),
      cleared_at: notPersonal("when a non-customer's address and content were cleared"),
    },
  },
});
