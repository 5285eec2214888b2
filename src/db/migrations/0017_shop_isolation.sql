-- Row-level security as a second wall between shops. Shop-scoped work (withShop, src/core/db/shop-isolation.ts)
-- switches its transaction to the role sellrocket_shop and names its shop in app.shop_id; on every shop table a
-- policy lets that role see and write only that shop's rows, even when a query forgets its WHERE clause. Work
-- outside withShop runs as the connecting role, which owns the tables and so is not subject to the policies.

-- Roles belong to the whole cluster, not to one database: several databases on one server (test databases, or
-- tenants of a hosting) may migrate at the same moment, and the loser of the race must not fail.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sellrocket_shop') THEN
    CREATE ROLE sellrocket_shop NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- A role made beforehand by an operator is used as it is, unless it would walk through the wall.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sellrocket_shop' AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'The role sellrocket_shop must be NOSUPERUSER NOBYPASSRLS: row-level security would not apply to it';
  END IF;
END
$$;

-- The connecting role must be allowed to SET ROLE to it (a superuser always is). PostgreSQL 16 separates
-- membership from the right to SET ROLE, and gives the creator of a role only the former by default.
DO $$
DECLARE
  v16 boolean := current_setting('server_version_num')::int >= 160000;
BEGIN
  IF NOT pg_has_role(current_user, 'sellrocket_shop', CASE WHEN v16 THEN 'SET' ELSE 'MEMBER' END) THEN
    EXECUTE format('GRANT sellrocket_shop TO %I', current_user) || CASE WHEN v16 THEN ' WITH SET TRUE' ELSE '' END;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- After the switch the same transaction may still do platform work (an audit entry, a queued job), so the role
-- may do whatever the application does, on the tables of later migrations too. Not TRUNCATE: it ignores
-- row-level security.
GRANT USAGE ON SCHEMA public TO sellrocket_shop;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO sellrocket_shop;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO sellrocket_shop;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO sellrocket_shop;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO sellrocket_shop;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO sellrocket_shop;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO sellrocket_shop;

-- Every migration that creates a shop table (one with shop_id) calls this for it; shop-isolation.int.test.ts
-- fails for any shop table without it.
CREATE FUNCTION enable_shop_isolation(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS shop_isolation ON %s', tbl);
  EXECUTE format(
    'CREATE POLICY shop_isolation ON %s FOR ALL TO sellrocket_shop '
    'USING (shop_id = current_setting(''app.shop_id'', true)) '
    'WITH CHECK (shop_id = current_setting(''app.shop_id'', true))',
    tbl);
END
$$;

SELECT enable_shop_isolation('shop_shipping_rate');
