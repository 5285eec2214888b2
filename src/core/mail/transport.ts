import nodemailer from 'nodemailer';

export interface OutgoingMessage {
  from: string | { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Hands a message to the mail server; throws when the server refuses it or cannot be reached. */
export interface MailTransport {
  deliver(message: OutgoingMessage): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer (SMTP_URL), or none: without a mail server the outbox holds every message. */
export function mailTransportFromConfig(smtpUrl: string | undefined): MailTransport | null {
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async deliver(message) {
      await transport.sendMail(message);
    },
    close() {
      transport.close();
    },
  };
}
