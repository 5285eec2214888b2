-- Every outgoing message goes through the outbox (issue #11 §6): it is written in the unit of work
-- that sends it, so it exists only if that work commits, and any app server delivers it (claimed with
-- FOR UPDATE SKIP LOCKED under a lease), retrying with a growing delay. Mail between SellRocket and a
-- customer (account_id) is kept as their correspondence (RT2); any other message's address and
-- content are cleared once delivered, or after 7 days if never.
CREATE TABLE mail_outbox (
  id              text PRIMARY KEY,
  account_id      text,
  -- 'platform', or the shop (shp_…) a message was sent for: a shop's mail is never a customer's.
  sender          text NOT NULL,
  purpose         text NOT NULL CHECK (purpose IN ('service', 'security', 'marketing')),
  to_address      text,
  from_name       text,
  subject         text,
  text_body       text,
  html_body       text,
  status          text NOT NULL CHECK (status IN ('queued', 'held', 'sent', 'failed', 'suppressed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  locked_until    timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL,
  sent_at         timestamptz,
  cleared_at      timestamptz,
  CHECK (cleared_at IS NULL OR account_id IS NULL)
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'queued';
CREATE INDEX mail_outbox_account ON mail_outbox (account_id, created_at DESC) WHERE account_id IS NOT NULL;
CREATE INDEX mail_outbox_uncleared ON mail_outbox (created_at) WHERE account_id IS NULL AND cleared_at IS NULL;
CREATE INDEX mail_outbox_created ON mail_outbox (created_at DESC);
