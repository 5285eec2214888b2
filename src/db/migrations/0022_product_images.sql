-- Product images (#10 §2). The files live in the file store under shops/<shop_id>/images/<id>/;
-- a row says which sizes and formats were made. Rows go with their product (cascade) or their shop.
create table product_image (
  shop_id text not null references shop (id),
  id text not null,
  product_id text not null,
  position integer not null,
  alt text not null default '',
  width integer not null,
  height integer not null,
  source_type text not null,
  source_bytes integer not null,
  renditions jsonb not null,
  created_at timestamptz not null,
  primary key (shop_id, id),
  foreign key (shop_id, product_id) references product (shop_id, id) on delete cascade
);
create index product_image_product on product_image (shop_id, product_id, position);
select enable_shop_isolation('product_image');

-- A deleted image row (its own deletion, or its product's) queues the removal of its files in the
-- same transaction: files never outlive a committed deletion by more than the job's next run. Due
-- at once (run_at at the epoch: the database's clock need not be the app's).
create function product_image_files_gone() returns trigger language plpgsql as $$
begin
  insert into job (id, kind, payload, run_at, attempts, created_at)
  values ('job_' || md5(random()::text || clock_timestamp()::text), 'media.remove-image-files',
          jsonb_build_object('shopId', old.shop_id, 'imageId', old.id), timestamptz 'epoch', 0, now());
  return old;
end
$$;
create trigger product_image_files_gone after delete on product_image
  for each row execute function product_image_files_gone();
