-- A connect is finished only by the user who started it and, when it was started from a
-- browser session, in that same session (SHA-256 of the session id; NULL for API starts).
ALTER TABLE oauth_state ADD COLUMN session_hash TEXT;
