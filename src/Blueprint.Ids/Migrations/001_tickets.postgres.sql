-- The ticket server on PostgreSQL is a sequence: nextval is atomic, never rolled back and never repeats.
CREATE SEQUENCE tickets AS bigint START WITH 1 CACHE 1;
