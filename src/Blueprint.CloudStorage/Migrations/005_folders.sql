-- Folders that exist in their own right, so an empty folder syncs like a file does. A folder row
-- lives in files (one path namespace: a file and a folder cannot share a name, by live_paths) with
-- no blocks and an empty content hash; folders that only hold files still exist through them.
ALTER TABLE files ADD COLUMN folder INTEGER NOT NULL DEFAULT 0;
