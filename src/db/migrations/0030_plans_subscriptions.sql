-- Plans and the subscriptions shops run under (issue #11 §2). Prices exclude VAT. Each change of a
-- subscription is an event with its time: the retention rules and the dunning schedule read them.
CREATE TABLE plan (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  monthly_cents   integer NOT NULL,
  yearly_cents    integer NOT NULL,
  max_products    integer,
  max_staff_users integer,
  storage_mb      integer NOT NULL,
  position        integer NOT NULL
);
-- The plans on /plans; a year costs ten months.
INSERT INTO plan VALUES
  ('starter', 'Starter', 900, 9000, 100, 1, 1024, 1),
  ('business', 'Business', 2900, 29000, NULL, 5, 10240, 2),
  ('scale', 'Scale', 7900, 79000, NULL, NULL, 102400, 3);

CREATE TABLE shop_subscription (
  shop_id              text NOT NULL REFERENCES shop (id),
  id                   text NOT NULL,
  account_id           text NOT NULL,
  plan_id              text NOT NULL REFERENCES plan (id),
  period               text NOT NULL CHECK (period IN ('monthly', 'yearly')),
  status               text NOT NULL CHECK (status IN ('active', 'cancel_requested', 'cancelled')),
  current_period_start timestamptz NOT NULL,
  current_period_end   timestamptz NOT NULL,
  cancel_requested_at  timestamptz,
  cancelled_at         timestamptz,
  created_at           timestamptz NOT NULL,
  PRIMARY KEY (shop_id, id)
);
-- One subscription a shop runs under at a time.
CREATE UNIQUE INDEX shop_subscription_live ON shop_subscription (shop_id) WHERE status <> 'cancelled';
CREATE INDEX shop_subscription_due ON shop_subscription (current_period_end) WHERE status <> 'cancelled';
SELECT enable_shop_isolation('shop_subscription');

CREATE TABLE shop_subscription_event (
  shop_id         text NOT NULL,
  subscription_id text NOT NULL,
  seq             integer NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('created', 'proforma_issued', 'renewed', 'cancel_requested', 'cancelled')),
  at              timestamptz NOT NULL,
  data            jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (shop_id, subscription_id, seq),
  FOREIGN KEY (shop_id, subscription_id) REFERENCES shop_subscription (shop_id, id)
);
SELECT enable_shop_isolation('shop_subscription_event');

-- The proforma of each period: the billing run issues a period's once, whichever server runs it.
CREATE TABLE shop_subscription_proforma (
  shop_id         text NOT NULL,
  subscription_id text NOT NULL,
  period_start    timestamptz NOT NULL,
  period_end      timestamptz NOT NULL,
  -- Null while the claim's transaction issues the proforma.
  document_id     text,
  PRIMARY KEY (shop_id, subscription_id, period_start),
  FOREIGN KEY (shop_id, subscription_id) REFERENCES shop_subscription (shop_id, id)
);
CREATE UNIQUE INDEX shop_subscription_proforma_document ON shop_subscription_proforma (document_id) WHERE document_id IS NOT NULL;
SELECT enable_shop_isolation('shop_subscription_proforma');
