-- Shopper accounts on a shop's storefront (#10 §3). A shopper of shop A is another row, another
-- session and another cookie than the same email at shop B: every table is keyed by shop_id, and
-- the account hangs off the shop's own shopper row (the orders module's), so an erasure of that
-- shopper takes the account, its sessions, addresses, tokens and newsletter decisions with it.
create table shopper_account (
  shop_id text not null,
  shopper_id text not null,
  password_hash text not null,
  first_name text not null,
  last_name text not null,
  email_verified_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (shop_id, shopper_id),
  foreign key (shop_id, shopper_id) references shopper (shop_id, id) on delete cascade
);
select enable_shop_isolation('shopper_account');

create table shopper_session (
  shop_id text not null,
  id text not null,
  shopper_id text not null,
  token_hash text not null,
  ip text not null,
  user_agent text,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  primary key (shop_id, id),
  unique (shop_id, token_hash),
  foreign key (shop_id, shopper_id) references shopper_account (shop_id, shopper_id) on delete cascade
);
create index shopper_session_owner on shopper_session (shop_id, shopper_id);
select enable_shop_isolation('shopper_session');

-- Email confirmation and password reset links: only a hash of the token is kept.
create table shopper_token (
  shop_id text not null,
  id text not null,
  shopper_id text not null,
  purpose text not null check (purpose in ('verify', 'reset')),
  token_hash text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  primary key (shop_id, id),
  unique (shop_id, token_hash),
  foreign key (shop_id, shopper_id) references shopper_account (shop_id, shopper_id) on delete cascade
);
select enable_shop_isolation('shopper_token');

create table shopper_address (
  shop_id text not null,
  id text not null,
  shopper_id text not null,
  first_name text not null,
  last_name text not null,
  company text,
  address1 text not null,
  address2 text,
  city text not null,
  postal_code text not null,
  country text not null,
  phone text,
  is_default boolean not null default false,
  created_at timestamptz not null,
  primary key (shop_id, id),
  foreign key (shop_id, shopper_id) references shopper_account (shop_id, shopper_id) on delete cascade
);
create index shopper_address_owner on shopper_address (shop_id, shopper_id);
select enable_shop_isolation('shopper_address');

-- Each decision on the shop's newsletter, with the exact text shown (M1), appended, never updated:
-- the latest row is the shopper's current choice.
create table shopper_newsletter_consent (
  shop_id text not null,
  id text not null,
  shopper_id text not null,
  granted boolean not null,
  notice_version text not null,
  notice_hash text not null,
  notice_language text not null,
  method text not null,
  ip text not null,
  user_agent text,
  recorded_at timestamptz not null,
  primary key (shop_id, id),
  foreign key (shop_id, shopper_id) references shopper (shop_id, id) on delete cascade
);
create index shopper_newsletter_consent_owner on shopper_newsletter_consent (shop_id, shopper_id, recorded_at desc);
select enable_shop_isolation('shopper_newsletter_consent');
