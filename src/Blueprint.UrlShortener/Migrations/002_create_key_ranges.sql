-- Design a (000 §7.1, §8.2): key ranges. A range is a prefix; a host claims one and appends the
-- last character itself, so one claim gives 64 keys. The in-use flag is set by the claim.
CREATE TABLE key_ranges (
    prefix        TEXT PRIMARY KEY,
    in_use        INTEGER NOT NULL DEFAULT 0,
    claimed_by    TEXT,
    claimed_at_ms BIGINT
);
CREATE INDEX key_ranges_free ON key_ranges (prefix) WHERE in_use = 0;

-- How long prefixes are now: 5 to start (6-character keys), one more when the space runs low.
CREATE TABLE key_space (
    id            INTEGER PRIMARY KEY,
    prefix_length INTEGER NOT NULL
);
