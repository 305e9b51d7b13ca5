-- Orleans reminders for the embedded store (Orleans ships no SQLite reminder script), read and
-- written by SqliteReminderTable (src/Grains/Storage/SqliteReminderTable.cs).
CREATE TABLE reminders
(
    service_id    TEXT    NOT NULL,                 -- Orleans ServiceId: several services may share a file
    grain_id      TEXT    NOT NULL,                 -- GrainId.ToString()
    reminder_name TEXT    NOT NULL,
    start_at      INTEGER NOT NULL,                 -- first due time, UTC, in .NET ticks
    period        INTEGER NOT NULL CHECK (period >= 0), -- TimeSpan ticks
    -- GrainId.GetUniformHashCode() (0 .. 2^32-1): silos read the reminders of their ring range by it.
    grain_hash    INTEGER NOT NULL CHECK (grain_hash BETWEEN 0 AND 4294967295),
    -- The ETag: bumped on every upsert; a remove names the version it saw and fails on any other.
    version       INTEGER NOT NULL,
    -- PRIMARY KEY: a grain has one reminder per name.
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX ix_reminders_ring ON reminders (service_id, grain_hash);
