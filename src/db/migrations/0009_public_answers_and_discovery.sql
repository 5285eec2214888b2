-- Answers to requests made without signing in: the archive is fetched with a one-time link sent to
-- the verified address (only its hash is kept). Erasure and discovery look rows up by these.
ALTER TABLE privacy_request ADD COLUMN download_token_hash text UNIQUE;
CREATE INDEX privacy_request_requester_idx ON privacy_request (requester_email) WHERE requester_email IS NOT NULL;
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id) WHERE actor_id IS NOT NULL;
