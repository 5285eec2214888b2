-- Carts, guest checkout and orders (#9 §4). Every table carries shop_id in its primary key and in every
-- foreign key, and row-level security walls each shop's rows off from the others' (migration 0017).

-- A cart is found by the SHA-256 of the random token in the shopper's sr_cart cookie: a copy of this table
-- gives no one a cookie that opens a cart.
create table cart (
  shop_id text not null references shop (id),
  id text not null,
  token_hash text not null,
  created_at timestamptz not null,
  -- Last change: a cart idle for 30 days is deleted (orders.cart-expire job).
  updated_at timestamptz not null,
  primary key (shop_id, id),
  unique (shop_id, token_hash)
);

create table cart_line (
  shop_id text not null,
  cart_id text not null,
  variant_id text not null,
  quantity integer not null check (quantity > 0),
  added_at timestamptz not null,
  primary key (shop_id, cart_id, variant_id),
  foreign key (shop_id, cart_id) references cart (shop_id, id) on delete cascade,
  -- A variant the merchant deletes leaves the carts holding it.
  foreign key (shop_id, variant_id) references product_variant (shop_id, id) on delete cascade
);

-- A shopper of one shop, known by the email given at checkout (guest checkout: no password, no account).
-- Privacy requests find shoppers by this email; erasing one detaches and anonymises their orders.
create table shopper (
  shop_id text not null references shop (id),
  id text not null,
  email text not null,
  created_at timestamptz not null,
  primary key (shop_id, id),
  unique (shop_id, email)
);

-- Per-shop order numbers (#1001, #1002, …): one row per shop, moved by `update … returning`, so app servers
-- sharing the database never hand out the same number, and a rolled-back checkout gives its number back.
create table order_number_counter (
  shop_id text not null references shop (id),
  last_number integer not null,
  primary key (shop_id)
);

create table shop_order (
  shop_id text not null references shop (id),
  id text not null,
  number integer not null,
  -- The merchant's account when the order was placed: who is told of it (jobs run without a request).
  account_id text not null,
  status text not null check (status in ('pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded')),
  -- SHA-256 of the confirmation page's token; the token itself is an HMAC of the order id, never stored.
  token_hash text not null,
  -- Null once the shopper is erased: the order stays as the merchant's record, detached from them.
  shopper_id text,
  currency char(3) not null,
  subtotal_cents integer not null check (subtotal_cents >= 0),
  shipping_cents integer not null check (shipping_cents >= 0),
  total_cents integer not null check (total_cents >= 0),
  vat_total_cents integer not null check (vat_total_cents >= 0),
  -- [{ rate, grossCents, netCents, vatCents }], as the invoice's VAT summary lists it.
  vat_breakdown jsonb not null,
  shipping_zone text not null check (shipping_zone in ('pt-mainland', 'pt-islands', 'eu', 'world')),
  ship_first_name text not null,
  ship_last_name text not null,
  ship_line1 text not null,
  ship_line2 text,
  ship_postal_code text not null,
  ship_city text not null,
  ship_country char(2) not null,
  ship_phone text,
  bill_first_name text not null,
  bill_last_name text not null,
  bill_line1 text not null,
  bill_line2 text,
  bill_postal_code text not null,
  bill_city text not null,
  bill_country char(2) not null,
  bill_phone text,
  -- What is kept of a payment: the method, the card's brand and last four digits, the gateway's reference;
  -- never the card number or its security code.
  payment_method text not null check (payment_method in ('card', 'multibanco')),
  card_brand text,
  card_last4 char(4),
  gateway_ref text,
  mb_entity char(5),
  mb_reference char(9),
  mb_expires_at timestamptz,
  refunded_cents integer not null default 0 check (refunded_cents >= 0 and refunded_cents <= total_cents),
  tracking_number text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  paid_at timestamptz,
  fulfilled_at timestamptz,
  cancelled_at timestamptz,
  primary key (shop_id, id),
  unique (shop_id, number),
  unique (shop_id, token_hash),
  foreign key (shop_id, shopper_id) references shopper (shop_id, id)
);
create index shop_order_listing on shop_order (shop_id, status, number desc);
create index shop_order_shopper on shop_order (shop_id, shopper_id);
-- Gateway notices (a Multibanco payment) name our order id only.
create unique index shop_order_id on shop_order (id);

-- A copy of what was sold, as it was sold: products change and go, orders keep their names and prices.
create table order_line (
  shop_id text not null,
  order_id text not null,
  position integer not null,
  variant_id text not null,
  product_id text not null,
  product_title text not null,
  product_handle text not null,
  variant_title text,
  sku text not null,
  quantity integer not null check (quantity > 0),
  unit_price_cents integer not null check (unit_price_cents >= 0),
  vat_rate integer not null check (vat_rate in (23, 13, 6, 0)),
  line_total_cents integer not null check (line_total_cents >= 0),
  primary key (shop_id, order_id, position),
  foreign key (shop_id, order_id) references shop_order (shop_id, id) on delete cascade
);

-- The order's timeline: what happened to it, when, and who did it (a reference, never a name).
create table order_event (
  shop_id text not null,
  order_id text not null,
  -- 1, 2, … per order: written after the order's row is locked by the change it records, so never twice.
  seq integer not null,
  kind text not null,
  data jsonb not null default '{}',
  actor text not null,
  created_at timestamptz not null,
  primary key (shop_id, order_id, seq),
  foreign key (shop_id, order_id) references shop_order (shop_id, id) on delete cascade
);

-- Idempotency-Key of POST /checkout.js: a retried request finds its order here. The body's hash leaves the
-- card out (number, expiry, security code), so nothing here could be matched against a card.
create table checkout_request (
  shop_id text not null,
  key text not null,
  request_hash text not null,
  order_id text not null,
  created_at timestamptz not null,
  primary key (shop_id, key),
  -- Checked at commit: the key is written first, so a second request with it waits on the first
  -- (and then finds its order) instead of racing it for the stock.
  foreign key (shop_id, order_id) references shop_order (shop_id, id) on delete cascade deferrable initially deferred
);

select enable_shop_isolation('cart');
select enable_shop_isolation('cart_line');
select enable_shop_isolation('shopper');
select enable_shop_isolation('order_number_counter');
select enable_shop_isolation('shop_order');
select enable_shop_isolation('order_line');
select enable_shop_isolation('order_event');
select enable_shop_isolation('checkout_request');
