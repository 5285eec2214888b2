import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives, for tests. */
export async function startTestSmtp(onReceived?: (mail: ReceivedMail, index: number) => void) {
  const received: ReceivedMail[] = [];
  // Recipients refused with a temporary failure while > 0, as a mail server that is busy would.
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refusals > 0) {
        refusals--;
        const busy = new Error(`4.2.1 Mailbox busy, try again later <${address.address}>`) as Error & {
          responseCode: number;
        };
        busy.responseCode = 450;
        return callback(busy);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail = { to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') };
        received.push(mail);
        onReceived?.(mail, received.length);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Decoded text of the last mail to `to` (quoted-printable soft breaks undone). */
    lastTo(to: string) {
      const m = [...received].reverse().find((r) => r.to.includes(to));
      return m?.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    },
    /** Refuses the next `n` recipients with a temporary failure (450). */
    refuse(n: number) {
      refusals = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
