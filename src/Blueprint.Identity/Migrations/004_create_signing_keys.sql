-- The keys access tokens are signed with; the private half sealed with the data-protection key ring.
CREATE TABLE signing_keys (
    kid           TEXT PRIMARY KEY,
    private_key   TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);
