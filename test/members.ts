import { sql } from 'kysely';
import type { TestApp } from './harness.js';

/** The token of the newest invitation mailed to `email`, read from the outbox (the link is only in the mail). */
export async function invitationToken(t: TestApp, email: string) {
  const mail = await sql<{ text_body: string }>`select text_body from mail_outbox
    where to_address = ${email} and text_body like '%/invitations/%' order by created_at desc, id desc limit 1`.execute(
    t.platform.db,
  );
  return /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.rows[0]?.text_body ?? '')?.[1] ?? null;
}
