-- The audit chain is kept per partition (an account's history, a shop's, the platform's), so audited
-- writes in different partitions no longer queue behind one lock. Entries made before this are the
-- 'platform' partition, whose chain starts at 'genesis' as before.
ALTER TABLE audit_log ADD COLUMN chain text NOT NULL DEFAULT 'platform';
ALTER TABLE audit_log ALTER COLUMN chain DROP DEFAULT;
CREATE INDEX audit_log_chain_idx ON audit_log (chain, seq);

-- The newest entry of each chain: locking its row serialises writers of that chain only, and
-- comparing it with the walked chain reveals entries deleted from the chain's end.
CREATE TABLE audit_chain_head (
  chain      text PRIMARY KEY,
  last_hash  text NOT NULL,
  entries    bigint NOT NULL
);
INSERT INTO audit_chain_head (chain, last_hash, entries)
  SELECT 'platform', (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), count(*) FROM audit_log HAVING count(*) > 0;

CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  IF NEW.ip IS NOT NULL AND NEW.ip IS DISTINCT FROM OLD.ip THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  IF (NEW.seq, NEW.at, NEW.actor_kind, NEW.actor_id, NEW.action, NEW.target_kind, NEW.target_id,
      NEW.ip_digest, NEW.request_id, NEW.data, NEW.prev_hash, NEW.hash, NEW.chain)
     IS DISTINCT FROM
     (OLD.seq, OLD.at, OLD.actor_kind, OLD.actor_id, OLD.action, OLD.target_kind, OLD.target_id,
      OLD.ip_digest, OLD.request_id, OLD.data, OLD.prev_hash, OLD.hash, OLD.chain) THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  RETURN NEW;
END;
$$;
