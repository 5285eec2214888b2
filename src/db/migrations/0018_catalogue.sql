-- Catalogue (#9): each shop's products, their variants and its collections. Every table carries
-- shop_id in its primary key and in every foreign key, so the schema can be distributed by shop.

create extension if not exists unaccent;

-- unaccent() is only STABLE (its dictionary could change); the search vector is written by the
-- catalogue service, so a plain call is enough and no immutable wrapper is needed.

create table product (
  shop_id text not null references shop (id),
  id text not null,
  handle text not null,
  title text not null,
  -- The merchant writes Markdown; the HTML shown is rendered from it with raw HTML disabled.
  description text not null default '',
  description_html text not null default '',
  status text not null default 'draft' check (status in ('draft', 'active')),
  vat_rate integer not null check (vat_rate in (23, 13, 6, 0)),
  -- [{ "name": "Size", "values": ["S", "M"] }]: at most three, as shoppers and CSV files expect.
  options jsonb not null default '[]',
  search tsvector not null default ''::tsvector,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (shop_id, id),
  unique (shop_id, handle)
);
create index product_search on product using gin (search);
create index product_listing on product (shop_id, status, created_at);

create table product_variant (
  shop_id text not null,
  id text not null,
  product_id text not null,
  sku text not null,
  -- What the shopper pays, VAT included, in cents.
  price_cents integer not null check (price_cents >= 0),
  -- Never negative: a sale takes stock with a guarded update, so concurrent checkouts cannot oversell.
  stock integer not null check (stock >= 0),
  weight_grams integer check (weight_grams >= 0),
  option_values jsonb not null default '[]',
  position integer not null,
  primary key (shop_id, id),
  foreign key (shop_id, product_id) references product (shop_id, id) on delete cascade
);
-- A SKU names one variant in the shop, whatever its letter case (stock counts and CSV files rely on it).
create unique index product_variant_sku on product_variant (shop_id, upper(sku));
create index product_variant_product on product_variant (shop_id, product_id, position);

create table collection (
  shop_id text not null references shop (id),
  id text not null,
  handle text not null,
  title text not null,
  description text not null default '',
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (shop_id, id),
  unique (shop_id, handle)
);

create table collection_product (
  shop_id text not null,
  collection_id text not null,
  product_id text not null,
  position integer not null,
  primary key (shop_id, collection_id, product_id),
  foreign key (shop_id, collection_id) references collection (shop_id, id) on delete cascade,
  foreign key (shop_id, product_id) references product (shop_id, id) on delete cascade
);
create index collection_product_order on collection_product (shop_id, collection_id, position);
create index collection_product_product on collection_product (shop_id, product_id);

-- The second wall: inside withShop, the database itself shows a shop only its own rows.
select enable_shop_isolation('product');
select enable_shop_isolation('product_variant');
select enable_shop_isolation('collection');
select enable_shop_isolation('collection_product');
