-- Sessions of the operations console (ADR 022). A browser that signs in with an admin account gets a random
-- session key in an HttpOnly cookie; only the key's SHA-256 (hex) is stored here, so reading this table hands out no
-- live session. Each session carries the CSRF token its forms must send back. A session ends at sign-out, after
-- CONSOLE_SESSION_IDLE_MINUTES without a request, or CONSOLE_SESSION_MAX_HOURS after sign-in, whichever comes
-- first; the API deletes expired rows as it meets them and in batches.
CREATE TABLE console_sessions (
    key_hash     text PRIMARY KEY CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   text NOT NULL CHECK (length(csrf_token) >= 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX ix_console_sessions_user ON console_sessions (user_id);
CREATE INDEX ix_console_sessions_expires ON console_sessions (expires_at);
