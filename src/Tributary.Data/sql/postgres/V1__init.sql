-- Times are Unix milliseconds (bigint), ids are text, in both dialects.
CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    email               TEXT NOT NULL,
    email_normalized    TEXT NOT NULL UNIQUE,
    username            TEXT NOT NULL,
    username_normalized TEXT NOT NULL UNIQUE,
    fullname            TEXT NOT NULL DEFAULT '',
    avatar_url          TEXT NULL,
    password_hash       TEXT NULL,
    external_issuer     TEXT NULL,
    external_subject    TEXT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_users_external ON users (external_issuer, external_subject) WHERE external_issuer IS NOT NULL;

CREATE TABLE refresh_tokens (
    id          TEXT PRIMARY KEY,
    family_id   TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id),
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT NULL,
    revoked_at  BIGINT NULL
);
CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    scopes      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT NULL
);

CREATE TABLE outbox (
    id            TEXT PRIMARY KEY,
    topic         TEXT NOT NULL,
    payload       TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    available_at  BIGINT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    lease_until   BIGINT NULL,
    status        TEXT NOT NULL DEFAULT 'pending',
    last_error    TEXT NULL,
    delivered_at  BIGINT NULL
);
CREATE INDEX ix_outbox_due ON outbox (status, available_at);
