-- Erasures done, without personal data: a keyed hash of the subject's reference, so erasures can be
-- replayed after a backup restore, and what was done, by table and count.
CREATE TABLE erasure_journal (
  id            text PRIMARY KEY,
  subject_kind  text NOT NULL,
  subject_ref   text NOT NULL,
  erased_at     timestamptz NOT NULL,
  summary       jsonb NOT NULL
);
CREATE INDEX erasure_journal_ref_idx ON erasure_journal (subject_ref);
