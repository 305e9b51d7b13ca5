-- Bookkeeping for the schema migrator (src/Grains/Storage/SchemaMigrator.cs). Run on every start
-- (under the migrator's advisory lock) before anything else, so it must stay idempotent; it is
-- never recorded in itself.
CREATE TABLE IF NOT EXISTS schema_migrations
(
    -- The script's path under sql/, e.g. 'postgresql/001_allocations.sql'. PRIMARY KEY: each script runs once.
    script     text        NOT NULL PRIMARY KEY,
    -- SHA-256 of the script as applied; the migrator refuses to start when an applied script was
    -- edited afterwards (schema changes are new numbered scripts, never edits of applied ones).
    sha256     text        NOT NULL CHECK (length(sha256) = 64),
    applied_at timestamptz NOT NULL
);
