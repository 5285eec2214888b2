import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { newId } from '../ids.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Shown as the sender's name, with the platform's address (a shop's mail carries the shop's name). */
  fromName?: string;
}
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

/**
 * Mail over SMTP (SMTP_URL). Without one, messages are written as .eml files to DATA_DIR/outbox so a
 * fresh `npm start` works and nothing pretends to have been delivered.
 */
export function createMailer(config: { smtpUrl: string | undefined; from: string; dataDir: string }): Mailer {
  const address = /<([^>]+)>/.exec(config.from)?.[1] ?? config.from;
  const envelope = ({ fromName, ...mail }: Mail) => ({
    from: fromName ? { name: fromName, address } : config.from,
    ...mail,
  });
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      async send(mail) {
        await transport.sendMail(envelope(mail));
      },
      close() {
        transport.close();
      },
    };
  }
  const outbox = path.join(config.dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transport.sendMail(envelope(mail));
      mkdirSync(outbox, { recursive: true, mode: 0o700 });
      // Named by time first, so a listing reads in the order the mail was sent.
      writeFileSync(
        path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${newId('mail')}.eml`),
        info.message as Buffer,
        { mode: 0o600 },
      );
    },
    close() {
      transport.close();
    },
  };
}
