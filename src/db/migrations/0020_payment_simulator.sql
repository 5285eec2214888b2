-- The payment simulator's ledger (PAYMENT_GATEWAY=simulator), in the database so that every app server
-- sees the same payments: a Multibanco reference paid through one is paid for all, and refunds are
-- counted against one total. Never a card number or security code: brand, last four digits and expiry.
CREATE TABLE payment_simulator_charge (
  id               text PRIMARY KEY,
  method           text NOT NULL CHECK (method IN ('card', 'multibanco')),
  idempotency_key  text NOT NULL,
  fingerprint      text NOT NULL,
  order_reference  text NOT NULL,
  state            text NOT NULL CHECK (state IN ('paid', 'declined', 'pending')),
  decline_reason   text,
  amount_cents     integer NOT NULL CHECK (amount_cents > 0),
  currency         char(3) NOT NULL,
  refunded_cents   integer NOT NULL DEFAULT 0,
  brand            text,
  last4            char(4),
  exp_month        smallint,
  exp_year         smallint,
  mb_entity        char(5),
  mb_reference     char(9),
  expires_at       timestamptz,
  paid_at          timestamptz,
  created_at       timestamptz NOT NULL,
  -- The last wall against refunding more than was taken, whatever a process believed.
  CHECK (refunded_cents >= 0 AND refunded_cents <= amount_cents),
  CHECK ((state = 'declined') = (decline_reason IS NOT NULL)),
  CHECK (method = 'card' OR (mb_entity IS NOT NULL AND mb_reference IS NOT NULL AND expires_at IS NOT NULL))
);
CREATE UNIQUE INDEX payment_simulator_charge_idempotency_key ON payment_simulator_charge (idempotency_key);
CREATE UNIQUE INDEX payment_simulator_charge_mb_key ON payment_simulator_charge (mb_entity, mb_reference)
  WHERE method = 'multibanco';

CREATE TABLE payment_simulator_refund (
  id               text PRIMARY KEY,
  charge_id        text NOT NULL REFERENCES payment_simulator_charge (id),
  idempotency_key  text NOT NULL,
  amount_cents     integer NOT NULL CHECK (amount_cents > 0),
  created_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX payment_simulator_refund_idempotency_key ON payment_simulator_refund (idempotency_key);
CREATE INDEX payment_simulator_refund_charge_idx ON payment_simulator_refund (charge_id);
