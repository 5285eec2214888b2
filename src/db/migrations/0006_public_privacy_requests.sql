-- Requests from people who are not signed in: the email is verified with a one-time link before
-- the request counts (and before its clock starts).
ALTER TABLE privacy_request ADD COLUMN requester_email text;

CREATE TABLE privacy_request_intake (
  id           text PRIMARY KEY,
  email        text NOT NULL,
  type         text NOT NULL,
  details      text,
  token_hash   text NOT NULL UNIQUE,
  ip           text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
