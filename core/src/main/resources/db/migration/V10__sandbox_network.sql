-- The sandbox network's own storage: every publication it receives, one row per call.
-- Deliberately no unique constraint: if the engine ever published a target twice, the
-- duplicate must show up here.
CREATE TABLE sandbox_publication
(
    id                BIGSERIAL PRIMARY KEY,
    account_remote_id TEXT        NOT NULL,
    idempotency_key   TEXT        NOT NULL,
    target_id         TEXT,
    text              TEXT        NOT NULL,
    media_count       INT         NOT NULL DEFAULT 0,
    alt_texts         TEXT[]      NOT NULL DEFAULT '{}',
    -- Texts of the further thread parts, each a reply to the previous one.
    thread_texts      TEXT[]      NOT NULL DEFAULT '{}',
    reply_to          TEXT,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX sandbox_publication_key_idx ON sandbox_publication (account_remote_id, idempotency_key, created_at);
