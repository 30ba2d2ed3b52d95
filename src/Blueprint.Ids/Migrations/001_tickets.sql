-- Flickr's ticket server (seed 003 §7) on SQLite: REPLACE deletes the one row and inserts it anew,
-- and AUTOINCREMENT never reuses an id, so each REPLACE returns the next ticket.
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    stub TEXT NOT NULL UNIQUE
);
