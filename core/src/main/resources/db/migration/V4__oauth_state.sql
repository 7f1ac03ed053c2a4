-- Pending OAuth connections: the state parameter is the key, single use, short-lived.
CREATE TABLE oauth_state
(
    state         TEXT PRIMARY KEY,
    workspace_id  UUID        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    user_id       UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    network       TEXT        NOT NULL,
    -- AES-GCM sealed PKCE verifier: it is a secret until the exchange.
    code_verifier BYTEA       NOT NULL,
    redirect_uri  TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX oauth_state_expiry_idx ON oauth_state (expires_at);
