-- Packs stored before the ledger (004) were entered with no dead bytes, so one whose blocks were
-- collected before then was never rewritten. A pack's dead bytes are its size less the stored
-- lengths of the blocks that still name it; the ledger has kept exactly that since 004, so
-- counting it again for every pack changes only the older ones.
UPDATE packs SET dead_bytes = bytes - COALESCE((SELECT SUM(b.stored_length) FROM blocks b WHERE b.blob_key = packs.blob_key), 0)
WHERE retired_at_ms IS NULL;
