-- pgbench script for bench/load/url-creates.sh: the peer — one link row inserted straight into a
-- copy of the links table (same columns and indexes), no HTTP, no checks, no key design.
\set n random(1, 2000000000)
INSERT INTO bench_links (link_key, url, url_hash, owner_id, custom, permanent, created_at_ms)
VALUES (md5(random()::text), 'https://load.example/' || :client_id || '/' || :n, md5(random()::text), 'bench', 0, 0, 0);
