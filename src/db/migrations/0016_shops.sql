-- Hosted shops: one row per shop, served at <slug>.<PLATFORM_DOMAIN>. Every table of a shop's own
-- data (shipping rates here; catalogue, carts and orders next) carries shop_id in its key, so the
-- schema can be distributed by shop.
CREATE TABLE shop (
  id                text PRIMARY KEY,
  account_id        text NOT NULL REFERENCES account (id),
  slug              text NOT NULL,
  name              text NOT NULL,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
  currency          char(3) NOT NULL DEFAULT 'EUR',
  default_vat_rate  smallint NOT NULL DEFAULT 23 CHECK (default_vat_rate IN (0, 6, 13, 23)),
  primary_colour    text NOT NULL DEFAULT '#1f4f8f',
  accent_colour     text NOT NULL DEFAULT '#d9480f',
  suspended_reason  text,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE UNIQUE INDEX shop_slug_key ON shop (slug);
CREATE INDEX shop_account_idx ON shop (account_id);

CREATE TABLE shop_shipping_rate (
  shop_id      text NOT NULL REFERENCES shop (id) ON DELETE CASCADE,
  zone         text NOT NULL CHECK (zone IN ('pt-mainland', 'pt-islands', 'eu', 'world')),
  price_cents  integer NOT NULL CHECK (price_cents >= 0),
  PRIMARY KEY (shop_id, zone)
);
