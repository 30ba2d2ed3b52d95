-- Every pack, with its size and how many of its bytes are dead (blocks collected, or stored twice
-- by racing uploads), so the maintenance job can rewrite a mostly dead pack into one holding only its
-- live blocks. A rewritten pack is retired, not deleted at once: a download that found its blocks
-- there before the rewrite may still be reading it, so it goes after the grace period.
CREATE TABLE packs (
    blob_key      TEXT PRIMARY KEY,
    namespace_id  TEXT NOT NULL,
    bytes         BIGINT NOT NULL,
    dead_bytes    BIGINT NOT NULL DEFAULT 0,
    created_at_ms BIGINT NOT NULL,
    retired_at_ms BIGINT
);
CREATE INDEX packs_by_retirement ON packs (retired_at_ms);
-- Packs stored before this ledger: their size as far as their live blocks reach (bytes dead before
-- now are not known, and such a pack is rewritten only once enough of the rest dies).
INSERT INTO packs (blob_key, namespace_id, bytes, dead_bytes, created_at_ms)
SELECT blob_key, MIN(namespace_id), MAX(blob_offset + stored_length), 0, MIN(touched_at_ms) FROM blocks GROUP BY blob_key;
