-- The expiry job finds links past their expiry that are not yet retired, oldest first.
CREATE INDEX links_expiring ON links (expires_at_ms) WHERE expires_at_ms IS NOT NULL AND deleted_at_ms IS NULL;
