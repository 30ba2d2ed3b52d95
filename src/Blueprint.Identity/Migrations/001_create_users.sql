CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    user_name            TEXT NOT NULL,
    normalized_user_name TEXT NOT NULL UNIQUE,
    email                TEXT,
    normalized_email     TEXT UNIQUE,
    email_confirmed      INTEGER NOT NULL DEFAULT 0,
    password_hash        TEXT,
    security_stamp       TEXT,
    concurrency_stamp    TEXT NOT NULL,
    lockout_enabled      INTEGER NOT NULL DEFAULT 1,
    lockout_end_ms       BIGINT,
    access_failed_count  INTEGER NOT NULL DEFAULT 0,
    display_name         TEXT,
    created_at_ms        BIGINT NOT NULL
);
