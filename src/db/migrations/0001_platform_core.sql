-- Platform core: merchant accounts, sessions, consent, staff, security blocks, audit log.
-- Domain times are written by the application from its injectable clock, never by now().

CREATE TABLE account (
  id              text PRIMARY KEY,
  first_name      text NOT NULL,
  last_name       text NOT NULL,
  email           text NOT NULL,
  phone           text NOT NULL,
  company         text,
  nif             text,
  address_line1   text NOT NULL,
  address_line2   text,
  postal_code     text NOT NULL,
  city            text NOT NULL,
  country         char(2) NOT NULL,
  password_hash   text NOT NULL,
  marketing_consent boolean NOT NULL DEFAULT false,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX account_email_key ON account (email);

CREATE TABLE account_session (
  id            text PRIMARY KEY,
  account_id    text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  token_hash    text NOT NULL UNIQUE,
  ip            text NOT NULL,
  user_agent    text,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz
);
CREATE INDEX account_session_account_idx ON account_session (account_id);

CREATE TABLE account_access (
  id          text PRIMARY KEY,
  account_id  text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('signup', 'login')),
  ip          text NOT NULL,
  user_agent  text,
  at          timestamptz NOT NULL
);
CREATE INDEX account_access_account_idx ON account_access (account_id, at DESC);

CREATE TABLE consent_record (
  id              text PRIMARY KEY,
  account_id      text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  purpose         text NOT NULL,
  granted         boolean NOT NULL,
  notice_version  text NOT NULL,
  notice_hash     text NOT NULL,
  method          text NOT NULL,
  ip              text NOT NULL,
  user_agent      text,
  recorded_at     timestamptz NOT NULL
);
CREATE INDEX consent_record_account_idx ON consent_record (account_id, recorded_at);

CREATE TABLE staff_user (
  id             text PRIMARY KEY,
  email          text NOT NULL,
  name           text NOT NULL,
  password_hash  text NOT NULL,
  roles          text[] NOT NULL,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  disabled_at    timestamptz
);
CREATE UNIQUE INDEX staff_user_email_key ON staff_user (email);

CREATE TABLE staff_session (
  id            text PRIMARY KEY,
  staff_id      text NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
  token_hash    text NOT NULL UNIQUE,
  ip            text NOT NULL,
  user_agent    text,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz
);
CREATE INDEX staff_session_staff_idx ON staff_session (staff_id);

-- S1: blocks hold across processes and restarts because they live here.
CREATE TABLE security_block (
  id           text PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('ip', 'login')),
  subject_key  text NOT NULL,
  ip           text,
  account_id   text REFERENCES account (id) ON DELETE SET NULL,
  reason       text NOT NULL CHECK (reason IN ('rate-limit', 'login-failures')),
  level        integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL,
  until        timestamptz NOT NULL,
  lifted_at    timestamptz,
  lifted_by    text
);
CREATE INDEX security_block_active_idx ON security_block (kind, subject_key, until);

CREATE TABLE login_throttle (
  key                   text PRIMARY KEY,
  consecutive_failures  integer NOT NULL,
  block_level           integer NOT NULL,
  updated_at            timestamptz NOT NULL
);

-- Request counts per fixed window, summed across processes.
CREATE TABLE rate_counter (
  key           text NOT NULL,
  window_start  timestamptz NOT NULL,
  count         integer NOT NULL,
  PRIMARY KEY (key, window_start)
);

-- S6: append-only, hash-chained. References by id, never personal values (but the actor's IP).
CREATE TABLE audit_log (
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL,
  actor_kind   text NOT NULL,
  actor_id     text,
  action       text NOT NULL,
  target_kind  text,
  target_id    text,
  ip           text,
  ip_digest    text,
  request_id   text,
  data         jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
CREATE INDEX audit_log_target_idx ON audit_log (target_kind, target_id);

-- The only change an audit row may take is forgetting its IP (retention, erasure): the chain
-- covers the IP's keyed digest, so it still verifies afterwards.
CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  IF NEW.ip IS NOT NULL AND NEW.ip IS DISTINCT FROM OLD.ip THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  IF (NEW.seq, NEW.at, NEW.actor_kind, NEW.actor_id, NEW.action, NEW.target_kind, NEW.target_id,
      NEW.ip_digest, NEW.request_id, NEW.data, NEW.prev_hash, NEW.hash)
     IS DISTINCT FROM
     (OLD.seq, OLD.at, OLD.actor_kind, OLD.actor_id, OLD.action, OLD.target_kind, OLD.target_id,
      OLD.ip_digest, OLD.request_id, OLD.data, OLD.prev_hash, OLD.hash) THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
