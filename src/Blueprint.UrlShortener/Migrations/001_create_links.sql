-- Links as 000 §8.2 shapes them: key → URL, owner, expiry; read by key on every redirect.
CREATE TABLE links (
    link_key      TEXT PRIMARY KEY,
    url           TEXT NOT NULL,
    url_hash      TEXT NOT NULL,
    owner_id      TEXT NOT NULL,
    custom        INTEGER NOT NULL DEFAULT 0,
    permanent     INTEGER NOT NULL DEFAULT 0,
    created_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT,
    deleted_at_ms BIGINT
);
-- Link history: a user's links by time.
CREATE INDEX links_by_owner ON links (owner_id, created_at_ms, link_key);
-- One generated key per user and URL while it is live, so shortening the same URL again returns it.
CREATE UNIQUE INDEX links_one_per_owner_and_url ON links (owner_id, url_hash) WHERE custom = 0 AND deleted_at_ms IS NULL;
