-- Cloud storage metadata (000 §8.3 data model; 003 §15 metadata database).
-- A namespace (a user's root, or a shared folder) is the unit of access and of tenancy: its
-- blocks, its encryption key, its change journal and its history belong to it alone.
CREATE TABLE namespaces (
    id            TEXT PRIMARY KEY,
    owner_id      TEXT NOT NULL,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    wrapped_key   TEXT NOT NULL,
    quota_bytes   BIGINT NOT NULL,
    used_bytes    BIGINT NOT NULL DEFAULT 0,
    change_seq    BIGINT NOT NULL DEFAULT 0,
    reset_seq     BIGINT NOT NULL DEFAULT 0,
    history_seq   BIGINT NOT NULL DEFAULT 0,
    history_head  TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX one_root_per_user ON namespaces (owner_id) WHERE kind = 'root';

CREATE TABLE members (
    namespace_id TEXT NOT NULL REFERENCES namespaces (id),
    user_id      TEXT NOT NULL,
    access       TEXT NOT NULL,
    added_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (namespace_id, user_id)
);
CREATE INDEX members_by_user ON members (user_id);

-- One row per distinct block of a namespace. blob_key names the sealed bytes; a block stored again
-- after collection gets a new blob key, so collecting the old one can never remove the new one.
CREATE TABLE blocks (
    namespace_id  TEXT NOT NULL,
    hash          TEXT NOT NULL,
    length        INTEGER NOT NULL,
    stored_length INTEGER NOT NULL,
    blob_key      TEXT NOT NULL,
    touched_at_ms BIGINT NOT NULL,
    PRIMARY KEY (namespace_id, hash)
);
CREATE INDEX blocks_by_touch ON blocks (touched_at_ms);

CREATE TABLE files (
    id             TEXT PRIMARY KEY,
    namespace_id   TEXT NOT NULL REFERENCES namespaces (id),
    path           TEXT NOT NULL,
    path_key       TEXT NOT NULL,
    head_version   TEXT NOT NULL,
    head_number    BIGINT NOT NULL,
    size           BIGINT NOT NULL,
    content_hash   TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    modified_at_ms BIGINT NOT NULL,
    change_seq     BIGINT NOT NULL
);
-- Case-insensitive and normalization-insensitive: "Report.txt" and "report.txt" are one file, as
-- they are on the Windows and macOS clients that sync them.
CREATE UNIQUE INDEX live_paths ON files (namespace_id, path_key) WHERE deleted = 0;
CREATE INDEX files_by_change ON files (namespace_id, change_seq);

CREATE TABLE versions (
    id            TEXT PRIMARY KEY,
    file_id       TEXT NOT NULL REFERENCES files (id),
    namespace_id  TEXT NOT NULL,
    number        BIGINT NOT NULL,
    kind          TEXT NOT NULL,
    path          TEXT NOT NULL,
    size          BIGINT NOT NULL,
    content_hash  TEXT NOT NULL,
    author_id     TEXT NOT NULL,
    device        TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    UNIQUE (file_id, number)
);
CREATE INDEX versions_by_age ON versions (namespace_id, created_at_ms);

-- A version's block list. The foreign key is what makes collection safe: a block a version names
-- cannot be deleted, on either engine, however the collector and a commit interleave.
CREATE TABLE version_blocks (
    version_id   TEXT NOT NULL REFERENCES versions (id),
    position     INTEGER NOT NULL,
    namespace_id TEXT NOT NULL,
    hash         TEXT NOT NULL,
    length       INTEGER NOT NULL,
    PRIMARY KEY (version_id, position),
    FOREIGN KEY (namespace_id, hash) REFERENCES blocks (namespace_id, hash)
);
CREATE INDEX version_blocks_by_block ON version_blocks (namespace_id, hash);

-- Who uploaded, downloaded, moved, deleted what, when and through which client or link (000 §8.3).
-- Append-only and hash-chained per namespace: entry_hash = SHA-256(previous hash, this entry).
CREATE TABLE history (
    namespace_id TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    at_ms        BIGINT NOT NULL,
    user_id      TEXT NOT NULL,
    action       TEXT NOT NULL,
    path         TEXT NOT NULL,
    file_id      TEXT NOT NULL,
    version_id   TEXT NOT NULL,
    client       TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    entry_hash   TEXT NOT NULL,
    PRIMARY KEY (namespace_id, seq)
);
CREATE INDEX history_by_file ON history (file_id, seq);
