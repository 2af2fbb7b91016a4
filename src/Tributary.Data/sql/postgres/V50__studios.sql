-- Studio sessions (issue 11): a room composed into one program and pushed to RTMP destinations.
CREATE TABLE studios (
    id          TEXT PRIMARY KEY,
    room_id     TEXT NOT NULL REFERENCES rooms (id),
    owner_id    TEXT NOT NULL REFERENCES users (id),
    layout      TEXT NOT NULL,
    stage       TEXT NOT NULL,
    title       TEXT NULL,
    logo_url    TEXT NULL,
    logo        BYTEA NULL,
    ingest_key  TEXT NOT NULL,
    live_since  BIGINT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX ix_studios_room ON studios (room_id);

-- stream_key holds the AES-GCM sealed key (nonce | ciphertext | tag, base64); the plain key is never stored.
CREATE TABLE studio_destinations (
    id          TEXT PRIMARY KEY,
    studio_id   TEXT NOT NULL REFERENCES studios (id),
    kind        TEXT NOT NULL,
    url         TEXT NOT NULL,
    stream_key  TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX ix_studio_destinations_studio ON studio_destinations (studio_id, created_at);
