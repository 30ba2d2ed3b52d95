-- Blocks uploaded in a batch are stored together in one pack object: a block is the byte range
-- [blob_offset, blob_offset + stored_length) of its blob. A pack is deleted when no row names it.
ALTER TABLE blocks ADD COLUMN blob_offset BIGINT NOT NULL DEFAULT 0;
CREATE INDEX blocks_by_blob ON blocks (blob_key);
