-- A shop's own theme code (#10 §1 Theme): each saved change is a numbered version holding the files
-- the merchant changed from the default theme; the state says which version is live and which one
-- served before it (the last good one, used when the live one fails to render).
create table shop_theme_version (
  shop_id text not null references shop (id),
  id text not null,
  number integer not null,
  files jsonb not null,
  note text not null default '',
  created_at timestamptz not null,
  primary key (shop_id, id),
  unique (shop_id, number)
);
select enable_shop_isolation('shop_theme_version');

create table shop_theme_state (
  shop_id text not null references shop (id),
  active_number integer,
  fallback_number integer,
  last_error text,
  last_error_number integer,
  last_error_at timestamptz,
  primary key (shop_id)
);
select enable_shop_isolation('shop_theme_state');
