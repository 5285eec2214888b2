-- K1–K4: every cookie decision of every visitor, with what was shown, how it was made, and from where.
CREATE TABLE cookie_consent (
  id              text PRIMARY KEY,
  visitor_ref     text NOT NULL,
  statistical     boolean NOT NULL,
  marketing       boolean NOT NULL,
  method          text NOT NULL CHECK (method IN ('accept-all', 'reject-all', 'custom')),
  gpc             boolean NOT NULL,
  notice_version  text NOT NULL,
  notice_hash     text NOT NULL,
  ip              text NOT NULL,
  country         text,
  browser         text,
  recorded_at     timestamptz NOT NULL
);
CREATE INDEX cookie_consent_visitor_idx ON cookie_consent (visitor_ref, recorded_at);
