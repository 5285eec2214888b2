-- Art. 18 restriction flags (per subject and purpose) and the Art. 21 marketing suppression list.
CREATE TABLE processing_restriction (
  id          text PRIMARY KEY,
  account_id  text NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  purpose     text NOT NULL,
  request_id  text,
  created_at  timestamptz NOT NULL,
  lifted_at   timestamptz
);
CREATE INDEX processing_restriction_active_idx ON processing_restriction (account_id, purpose) WHERE lifted_at IS NULL;

-- A keyed hash of the address: the objection outlives an erasure without keeping the email itself.
CREATE TABLE marketing_suppression (
  email_hash  text PRIMARY KEY,
  reason      text NOT NULL,
  created_at  timestamptz NOT NULL
);
