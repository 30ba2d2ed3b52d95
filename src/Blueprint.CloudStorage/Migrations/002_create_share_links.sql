-- Download links (000 §8.3 "through which client or share link"). Only the SHA-256 of a link's
-- token is kept, so the table alone opens nothing.
CREATE TABLE share_links (
    id            TEXT PRIMARY KEY,
    namespace_id  TEXT NOT NULL REFERENCES namespaces (id),
    file_id       TEXT NOT NULL REFERENCES files (id),
    token_hash    TEXT NOT NULL UNIQUE,
    created_by    TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT,
    revoked       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX share_links_by_file ON share_links (namespace_id, file_id);
