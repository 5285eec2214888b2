-- The merchant's privacy queue (#10 §4): its shoppers' access and erasure requests, with the same
-- deadline rules as the platform's own. The shop is the controller; the row is its record that the
-- request was answered, so an erasure anonymises it (the email goes) rather than deleting it.
create table shop_privacy_request (
  shop_id text not null references shop (id),
  id text not null,
  shopper_id text,
  email text not null,
  kind text not null check (kind in ('access', 'erasure')),
  via text not null check (via in ('account', 'form', 'platform')),
  status text not null check (status in ('open', 'extended', 'answered', 'refused')),
  created_at timestamptz not null,
  due_at timestamptz not null,
  extended_at timestamptz,
  extension_reason text,
  answered_at timestamptz,
  refusal_reason text,
  download_file text,
  download_expires_at timestamptz,
  primary key (shop_id, id)
);
create index shop_privacy_request_queue on shop_privacy_request (shop_id, status, due_at);
create index shop_privacy_request_shopper on shop_privacy_request (shop_id, shopper_id);
-- The staff's overdue view reads across shops by due date (counts only).
create index shop_privacy_request_due on shop_privacy_request (due_at) where status in ('open', 'extended');
select enable_shop_isolation('shop_privacy_request');

-- A request made to SellRocket finds the shops where its email is a shopper (forwarded to them).
create index shopper_email on shopper (email);
