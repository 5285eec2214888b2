-- Terms of service accepted at sign-up: version, language and hash of the exact text, with when and
-- from where (a formal document of the contract, D7).
CREATE TABLE terms_acceptance (
  id           text PRIMARY KEY,
  account_id   text NOT NULL REFERENCES account(id),
  version      text NOT NULL,
  language     text NOT NULL,
  text_hash    text NOT NULL,
  ip           text NOT NULL,
  user_agent   text,
  accepted_at  timestamptz NOT NULL
);
CREATE INDEX terms_acceptance_account_idx ON terms_acceptance (account_id);
