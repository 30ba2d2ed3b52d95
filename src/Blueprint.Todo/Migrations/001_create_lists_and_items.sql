CREATE TABLE lists (
    id            TEXT PRIMARY KEY,
    owner_id      TEXT NOT NULL,
    title         TEXT NOT NULL,
    position      BIGINT NOT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX lists_by_owner ON lists (owner_id, position);

CREATE TABLE items (
    id              TEXT PRIMARY KEY,
    list_id         TEXT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    owner_id        TEXT NOT NULL,
    title           TEXT NOT NULL,
    done            INTEGER NOT NULL DEFAULT 0,
    due_date        TEXT,
    position        BIGINT NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    completed_at_ms BIGINT
);
CREATE INDEX items_by_list ON items (list_id, position);
