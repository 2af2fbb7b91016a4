-- Rooms as the apps create them (createRoom); the live state (members, publishers) is in the room grains.
CREATE TABLE rooms (
    id         TEXT PRIMARY KEY,
    owner_id   TEXT NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    access     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    ended_at   INTEGER NULL
);
CREATE INDEX ix_rooms_open ON rooms (ended_at, created_at);
CREATE INDEX ix_rooms_owner ON rooms (owner_id, created_at);

CREATE TABLE room_invites (
    room_id TEXT NOT NULL REFERENCES rooms (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (room_id, user_id)
);

CREATE TABLE messages (
    id         TEXT PRIMARY KEY,
    room_id    TEXT NOT NULL REFERENCES rooms (id),
    user_id    TEXT NOT NULL REFERENCES users (id),
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    deleted_at INTEGER NULL,
    deleted_by TEXT NULL
);
CREATE INDEX ix_messages_room ON messages (room_id, created_at, id);

CREATE TABLE reactions (
    room_id    TEXT NOT NULL REFERENCES rooms (id),
    emoji      TEXT NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (room_id, emoji)
);
