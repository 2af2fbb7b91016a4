CREATE TABLE webhooks (
    id          TEXT PRIMARY KEY,
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL,
    events      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    disabled_at INTEGER NULL
);

CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    webhook_id       TEXT NOT NULL REFERENCES webhooks (id),
    event_id         TEXT NOT NULL,
    topic            TEXT NOT NULL,
    payload          TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    available_at     INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    lease_until      INTEGER NULL,
    status           TEXT NOT NULL DEFAULT 'pending',
    last_status_code INTEGER NULL,
    last_error       TEXT NULL,
    delivered_at     INTEGER NULL,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, available_at);
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at);
