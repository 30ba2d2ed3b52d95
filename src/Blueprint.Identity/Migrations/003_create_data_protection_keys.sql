CREATE TABLE data_protection_keys (
    name TEXT PRIMARY KEY,
    xml  TEXT NOT NULL
);
