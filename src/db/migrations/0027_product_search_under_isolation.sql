-- Search under row-level security (#10). A shop's reads run as sellrocket_shop, behind the policy of
-- migration 0017. PostgreSQL must apply a policy before any condition whose operator is not
-- leakproof, and the full-text match (@@) is not, so under the policy product_search (GIN) cannot be
-- used: every search read every product of the shop. This function makes the index lookup as the
-- tables' owner, for the transaction's own shop only (the policy's very condition, so it reaches
-- nothing the policy would hide), and returns the matching products' keys and rank, of one status
-- when asked; the page's products are then read through the policy as before. Without a shop named
-- (app.shop_id unset) it returns nothing.
DO $$
BEGIN
  EXECUTE format(
    $f$CREATE FUNCTION shop_product_matches(q tsquery, only_status text)
       RETURNS TABLE (shop_id text, id text, rank real)
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %I, pg_temp ROWS 200 AS
       'SELECT p.shop_id, p.id, ts_rank(p.search, q) FROM product p
        WHERE p.shop_id = current_setting(''app.shop_id'', true) AND p.search @@ q
          AND (only_status IS NULL OR p.status = only_status)'$f$,
    current_schema());
END
$$;
REVOKE ALL ON FUNCTION shop_product_matches(tsquery, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION shop_product_matches(tsquery, text) TO sellrocket_shop;
