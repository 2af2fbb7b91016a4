CREATE TABLE follows (
    follower_id TEXT NOT NULL REFERENCES users (id),
    followee_id TEXT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
);
-- followers(user) and following(user) pages walk these newest first.
CREATE INDEX ix_follows_followee ON follows (followee_id, created_at, follower_id);
CREATE INDEX ix_follows_follower ON follows (follower_id, created_at, followee_id);

CREATE TABLE blocks (
    blocker_id TEXT NOT NULL REFERENCES users (id),
    blocked_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX ix_blocks_blocked ON blocks (blocked_id, blocker_id);

CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,
    actor_id   TEXT NULL,
    room_id    TEXT NULL,
    created_at BIGINT NOT NULL,
    read_at    BIGINT NULL
);
CREATE INDEX ix_notifications_user ON notifications (user_id, created_at, id);
CREATE INDEX ix_notifications_unread ON notifications (user_id, read_at);

-- Prefix search on usernames (username_normalized is lower case).
CREATE INDEX ix_users_username_prefix ON users (username_normalized text_pattern_ops);
