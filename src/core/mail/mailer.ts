export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The HTML part; made from `text` when not given (see html-part.ts). */
  html?: string;
  /** The language the message is written in (the HTML part's `lang`). */
  lang?: string;
  /** Shown as the sender's name, with the platform's address (a shop's mail carries the shop's name). */
  fromName?: string;
  /**
   * The customer the message is to, kept as their correspondence with SellRocket (RT2). For the
   * platform's own mail it is found by the address when not given.
   */
  accountId?: string;
  /** The shop a message is sent for (to its shopper): the shop's mail, never a customer's correspondence. */
  shopId?: string;
  /** `marketing` is checked again for consent, restriction and suppression when it is delivered. */
  purpose?: 'service' | 'security' | 'marketing';
}

/** Sends through the outbox (outbox.ts): the message is kept only if the current unit of work commits. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * Sends a notice whose failure must not undo what it tells of (a block, a request opened): the
 * error goes to `onError`, and the caller goes on.
 */
export async function sendReported(mailer: Pick<Mailer, 'send'>, onError: (err: unknown) => void, mail: Mail) {
  try {
    await mailer.send(mail);
  } catch (err) {
    onError(err);
  }
}
