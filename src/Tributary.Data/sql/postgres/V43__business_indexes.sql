-- liveRooms and room visibility ask "is this user invited to this room" per candidate room, and the
-- feed's second part scans open rooms newest first with an id tie-break (keyset pagination).
CREATE INDEX ix_room_invites_user ON room_invites (user_id, room_id);
CREATE INDEX ix_rooms_open_feed ON rooms (ended_at, created_at, id);
