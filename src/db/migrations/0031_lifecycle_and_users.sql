-- Dunning and the account lifecycle (issue #11 §5). A shop whose period is not paid is reminded
-- before the due date, told up to three times that it is overdue, and taken off the web (suspended)
-- some days after the due date; its payment brings it back. The operator may cancel a subscription
-- after notice. Each step is an event with its time: the retention engine's anchors.
ALTER TABLE shop_subscription
  -- Set while the shop is off the web for non-payment; cleared by the payment that brings it back.
  ADD COLUMN suspended_at timestamptz,
  -- The operator's notice of cancellation, and when it takes effect.
  ADD COLUMN cancel_notice_at timestamptz,
  ADD COLUMN cancel_effective_at timestamptz,
  ADD COLUMN cancelled_by text CHECK (cancelled_by IN ('customer', 'operator')),
  -- A cheaper plan asked for: it takes effect with the next period, which is billed at it.
  ADD COLUMN pending_plan_id text REFERENCES plan (id);

-- The plan each period was billed at: a downgrade takes effect with the period billed at it.
ALTER TABLE shop_subscription_proforma ADD COLUMN plan_id text REFERENCES plan (id);

ALTER TABLE shop_subscription_event DROP CONSTRAINT shop_subscription_event_kind_check;
ALTER TABLE shop_subscription_event ADD CONSTRAINT shop_subscription_event_kind_check CHECK (kind IN (
  'created', 'proforma_issued', 'renewed', 'cancel_requested', 'cancelled',
  'reminder_sent', 'overdue_notice_sent', 'suspended', 'reactivated', 'cancel_notice_given', 'cancel_notice_withdrawn',
  'plan_changed', 'plan_change_scheduled'));

-- Each notice of a proforma is sent once, whichever server runs the schedule: the row is the claim.
CREATE TABLE billing_dunning_notice (
  document_id text NOT NULL REFERENCES billing_document (id),
  stage       text NOT NULL CHECK (stage IN ('reminder', 'overdue-1', 'overdue-2', 'overdue-3', 'suspension')),
  sent_at     timestamptz NOT NULL,
  PRIMARY KEY (document_id, stage)
);

-- The open proformas the schedule walks, by due date.
CREATE INDEX billing_document_open_due ON billing_document (due_at) WHERE kind = 'proforma' AND status = 'open';

-- The language a customer's notices are written in.
ALTER TABLE account ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'pt-PT'));

-- Users of an account (issue #11 §1, S7): a person signs in with their own account (own password,
-- two-factor sign-in and sessions) and may work on other accounts they were invited to, with the
-- permissions the owner gave them there. A session acts for one account at a time.
CREATE TABLE account_member (
  account_id text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  member_id  text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  permissions text[] NOT NULL,
  added_at   timestamptz NOT NULL,
  PRIMARY KEY (account_id, member_id),
  CHECK (account_id <> member_id)
);
CREATE INDEX account_member_member ON account_member (member_id);

-- An invitation by email, valid 7 days; only the token's hash is kept.
CREATE TABLE account_invitation (
  id          text PRIMARY KEY,
  account_id  text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  email       text NOT NULL,
  permissions text[] NOT NULL,
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at  timestamptz
);
CREATE INDEX account_invitation_account ON account_invitation (account_id, created_at DESC);

-- The account a session acts for; null is the person's own.
ALTER TABLE account_session ADD COLUMN acting_account_id text REFERENCES account (id) ON DELETE SET NULL;

-- The session check hands the account's language and the acting account on with its other columns
-- (see migration 0014).
DROP FUNCTION account_session_check(text, timestamptz);
CREATE FUNCTION account_session_check(p_token_hash text, p_now timestamptz)
RETURNS TABLE (
  id text, first_name text, last_name text, email text, phone text, company text, nif text,
  address_line1 text, address_line2 text, postal_code text, city text, country char(2),
  marketing_consent boolean, status text, language text, created_at timestamptz,
  session_id text, session_last_seen_at timestamptz, acting_account_id text
)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT a.id, a.first_name, a.last_name, a.email, a.phone, a.company, a.nif,
      a.address_line1, a.address_line2, a.postal_code, a.city, a.country,
      a.marketing_consent, a.status, a.language, a.created_at, s.id, s.last_seen_at, s.acting_account_id
    FROM account_session s JOIN account a ON a.id = s.account_id
    WHERE s.token_hash = p_token_hash AND s.revoked_at IS NULL AND s.expires_at > p_now AND a.status = 'active';
END;
$$;

-- Recurring jobs (the billing run): when each runs next. The row is moved on by the statement that
-- finds it due, so several app servers ticking at once queue one run.
CREATE TABLE job_schedule (
  kind        text PRIMARY KEY,
  every_ms    bigint NOT NULL CHECK (every_ms > 0),
  next_run_at timestamptz NOT NULL
);

-- Cards the payment simulator keeps for later charges (PAYMENT_GATEWAY=simulator): as a processor
-- would, minus the number: brand, last four, expiry and how its charges end.
CREATE TABLE payment_simulator_card (
  token           text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  brand           text NOT NULL,
  last4           char(4) NOT NULL,
  exp_month       smallint NOT NULL,
  exp_year        smallint NOT NULL,
  outcome         text NOT NULL,
  created_at      timestamptz NOT NULL
);

-- A customer's saved payment methods (issue #11 §3, C5): a card as the gateway's token with its brand,
-- last four and expiry (never the number or the code), or a SEPA direct debit mandate with its IBAN
-- sealed by the field-encryption keys. One may be the default the billing run charges.
CREATE TABLE payment_method (
  id                text PRIMARY KEY,
  account_id        text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  kind              text NOT NULL CHECK (kind IN ('card', 'sepa')),
  brand             text,
  last4             char(4) NOT NULL,
  exp_month         smallint,
  exp_year          smallint,
  gateway_token     text,
  holder_name       text,
  iban_sealed       text,
  mandate_reference text UNIQUE,
  mandate_signed_at timestamptz,
  is_default        boolean NOT NULL DEFAULT false,
  -- The month ('2027-01') whose expiry notice was sent, so it is sent once.
  expiry_notice_for text,
  created_at        timestamptz NOT NULL,
  CHECK (kind <> 'card' OR (gateway_token IS NOT NULL AND exp_month IS NOT NULL AND exp_year IS NOT NULL)),
  CHECK (kind <> 'sepa' OR (iban_sealed IS NOT NULL AND mandate_reference IS NOT NULL AND holder_name IS NOT NULL))
);
CREATE INDEX payment_method_account ON payment_method (account_id);
CREATE UNIQUE INDEX payment_method_one_default ON payment_method (account_id) WHERE is_default;

-- The Multibanco reference a customer asked for to pay a proforma (the document itself never changes):
-- the gateway's notice of its payment pays the proforma.
CREATE TABLE billing_payment_reference (
  document_id  text PRIMARY KEY REFERENCES billing_document (id),
  gateway_ref  text NOT NULL UNIQUE,
  entity       char(5) NOT NULL,
  reference    char(9) NOT NULL,
  amount_cents integer NOT NULL,
  expires_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL
);
