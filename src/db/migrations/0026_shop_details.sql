-- A shop's contact and legal details, shown on its storefront and naming it as its shoppers'
-- controller in its privacy notice (#10 §1 Settings), and its logo (the image's sizes, in the file
-- store under shops/<shop_id>/images/<logo id>/), and the theme's home page collections.
alter table shop
  add column legal_name text,
  add column tax_id text,
  add column contact_email text,
  add column contact_phone text,
  add column address_line1 text,
  add column address_postal_code text,
  add column address_city text,
  add column address_country text,
  add column logo jsonb,
  -- The collections the home page shows, in order (handles); null: the first ones that have products.
  add column home_collections text[];
