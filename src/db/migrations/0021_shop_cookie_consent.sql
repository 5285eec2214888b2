-- Decisions on a shop's own cookie banner (#9): the shop's merchant is their controller, so they
-- are kept with the shop (and go with it), under the shop's row-level security.
create table shop_cookie_consent (
  shop_id text not null references shop (id),
  id text not null,
  visitor_ref text,
  statistical boolean not null,
  marketing boolean not null,
  method text not null,
  gpc boolean not null,
  notice_version text not null,
  notice_hash text not null,
  notice_language text not null,
  ip text,
  country text,
  browser text,
  recorded_at timestamptz not null,
  primary key (shop_id, id)
);
create index shop_cookie_consent_visitor on shop_cookie_consent (shop_id, visitor_ref);
select enable_shop_isolation('shop_cookie_consent');
