-- Two-factor sign-in (TOTP) for merchants and staff; staff can be required to use it.

ALTER TABLE staff_user ADD COLUMN mfa_required boolean NOT NULL DEFAULT false;

CREATE TABLE account_mfa (
  account_id      text PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
  totp_secret     text NOT NULL,       -- AES-256-GCM sealed, key id inside
  enabled_at      timestamptz,         -- null while enrolment awaits its first code
  last_time_step  bigint,              -- the last accepted TOTP step: a code is never accepted twice
  created_at      timestamptz NOT NULL
);

CREATE TABLE account_mfa_recovery (
  id          text PRIMARY KEY,
  account_id  text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  code_hash   text NOT NULL,           -- keyed hash; the code is shown once
  used_at     timestamptz
);
CREATE INDEX account_mfa_recovery_account_idx ON account_mfa_recovery (account_id);

CREATE TABLE staff_mfa (
  staff_id        text PRIMARY KEY REFERENCES staff_user (id) ON DELETE CASCADE,
  totp_secret     text NOT NULL,
  enabled_at      timestamptz,
  last_time_step  bigint,
  created_at      timestamptz NOT NULL
);

CREATE TABLE staff_mfa_recovery (
  id          text PRIMARY KEY,
  staff_id    text NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
  code_hash   text NOT NULL,
  used_at     timestamptz
);
CREATE INDEX staff_mfa_recovery_staff_idx ON staff_mfa_recovery (staff_id);
