-- Database-backed jobs (safe with several processes: a job is claimed with SKIP LOCKED and a lease),
-- and data-subject requests (D1–D7) with their deadlines.

CREATE TABLE job (
  id            text PRIMARY KEY,
  kind          text NOT NULL,
  payload       jsonb NOT NULL,
  run_at        timestamptz NOT NULL,
  locked_until  timestamptz,
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text,
  done_at       timestamptz,
  created_at    timestamptz NOT NULL
);
CREATE INDEX job_due_idx ON job (run_at) WHERE done_at IS NULL;

CREATE TABLE privacy_request (
  id                 text PRIMARY KEY,
  subject_kind       text NOT NULL,
  account_id         text REFERENCES account (id) ON DELETE SET NULL,
  type               text NOT NULL CHECK (type IN ('access', 'portability', 'rectification', 'restriction', 'erasure', 'objection')),
  status             text NOT NULL CHECK (status IN ('received', 'in_progress', 'completed', 'refused')),
  details            text,
  created_at         timestamptz NOT NULL,
  verified_at        timestamptz NOT NULL,
  due_at             timestamptz NOT NULL,
  extended_at        timestamptz,
  extension_reason   text,
  refusal_reason     text,
  completed_at       timestamptz,
  download_file      text,
  download_expires_at timestamptz
);
CREATE INDEX privacy_request_account_idx ON privacy_request (account_id);
CREATE INDEX privacy_request_open_idx ON privacy_request (due_at) WHERE status IN ('received', 'in_progress');
