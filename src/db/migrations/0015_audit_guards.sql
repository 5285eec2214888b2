-- The audit log cannot be emptied at a stroke either (the row trigger does not see TRUNCATE), and a
-- chain's head only moves forward: never deleted, renamed or shortened. Together with the row guard
-- on audit_log, wiping a chain now takes switching off three triggers.
CREATE FUNCTION audit_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();

CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward';
  END IF;
  -- The writer's upsert reads the head without changing it, then moves it on by one entry.
  IF NEW.chain IS DISTINCT FROM OLD.chain
     OR NOT ((NEW.entries = OLD.entries AND NEW.last_hash = OLD.last_hash) OR NEW.entries = OLD.entries + 1) THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_chain_head_forward_only BEFORE UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
