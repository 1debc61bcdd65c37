-- pekko-persistence-jdbc 1.1.1 schema/h2/h2-create-schema.sql, made idempotent (IF NOT EXISTS everywhere),
-- with VARBINARY instead of BLOB payloads: H2 keeps BLOBs in a separate LOB store, whose cleaner
-- thread fails at shutdown, and reads them more slowly; payloads are small (one event, one snapshot).

CREATE TABLE IF NOT EXISTS PUBLIC."event_journal" (
    "ordering" BIGINT UNIQUE NOT NULL AUTO_INCREMENT,
    "deleted" BOOLEAN DEFAULT false NOT NULL,
    "persistence_id" VARCHAR(255) NOT NULL,
    "sequence_number" BIGINT NOT NULL,
    "writer" VARCHAR NOT NULL,
    "write_timestamp" BIGINT NOT NULL,
    "adapter_manifest" VARCHAR NOT NULL,
    "event_payload" VARBINARY NOT NULL,
    "event_ser_id" INTEGER NOT NULL,
    "event_ser_manifest" VARCHAR NOT NULL,
    "meta_payload" VARBINARY,
    "meta_ser_id" INTEGER,
    "meta_ser_manifest" VARCHAR,
    PRIMARY KEY("persistence_id","sequence_number")
    );

CREATE UNIQUE INDEX IF NOT EXISTS "event_journal_ordering_idx" on PUBLIC."event_journal" ("ordering");
-- No cached identity values: H2 hands out 32 at a time, so a daemon killed mid-way left a gap of up
-- to 32 in the ordering (seen: 7..32 missing after a SIGKILL), and the read journal's queries by tag
-- (the report projection, the live status) wait max-tries × query-delay (~10 s) at a gap before
-- going past it; now a gap is left only where a write was in flight.
ALTER TABLE PUBLIC."event_journal" ALTER COLUMN "ordering" SET NO CACHE;

CREATE TABLE IF NOT EXISTS PUBLIC."event_tag" (
    "event_id" BIGINT NOT NULL,
    "tag" VARCHAR NOT NULL,
    PRIMARY KEY("event_id", "tag"),
    CONSTRAINT fk_event_journal
      FOREIGN KEY("event_id")
      REFERENCES "event_journal"("ordering")
      ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS PUBLIC."snapshot" (
    "persistence_id" VARCHAR(255) NOT NULL,
    "sequence_number" BIGINT NOT NULL,
    "created" BIGINT NOT NULL,"snapshot_ser_id" INTEGER NOT NULL,
    "snapshot_ser_manifest" VARCHAR NOT NULL,
    "snapshot_payload" VARBINARY NOT NULL,
    "meta_ser_id" INTEGER,
    "meta_ser_manifest" VARCHAR,
    "meta_payload" VARBINARY,
    PRIMARY KEY("persistence_id","sequence_number")
    );

CREATE SEQUENCE IF NOT EXISTS PUBLIC."global_offset_seq";

CREATE TABLE IF NOT EXISTS PUBLIC."durable_state" (
    "global_offset" BIGINT DEFAULT NEXT VALUE FOR PUBLIC."global_offset_seq",
    "persistence_id" VARCHAR(255) NOT NULL,
    "revision" BIGINT NOT NULL,
    "state_payload" VARBINARY NOT NULL,
    "state_serial_id" INTEGER NOT NULL,
    "state_serial_manifest" VARCHAR,
    "tag" VARCHAR,
    "state_timestamp" BIGINT NOT NULL,
    PRIMARY KEY("persistence_id")
    );
CREATE INDEX IF NOT EXISTS "state_tag_idx" on PUBLIC."durable_state" ("tag");
CREATE INDEX IF NOT EXISTS "state_global_offset_idx" on PUBLIC."durable_state" ("global_offset");

-- The journal's events by tag (the report projection's source) in order, without a full scan.
CREATE INDEX IF NOT EXISTS "event_tag_tag_idx" on PUBLIC."event_tag" ("tag", "event_id");

-- pathlab's read model, kept by the report projection in the same transaction as its offset
-- (pekko_projection_offset_store): one row per experiment, its state folded from every event so far.
CREATE TABLE IF NOT EXISTS PUBLIC."pathlab_experiment_summary" (
    "experiment_id" VARCHAR(255) NOT NULL PRIMARY KEY,
    "scenario" VARCHAR(255) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "tasks_completed" INTEGER NOT NULL,
    "tasks_total" INTEGER NOT NULL,
    "submitted_at" BIGINT NOT NULL,
    "finished_at" BIGINT NOT NULL,
    "event_count" BIGINT NOT NULL,
    "state_ser_id" INTEGER NOT NULL,
    "state_ser_manifest" VARCHAR NOT NULL,
    "state_payload" VARBINARY NOT NULL
    );

-- One row the storage monitor rewrites every second: a journal that cannot take this write cannot
-- take events either, and /api/health says so (docs/operations.md, storage faults).
CREATE TABLE IF NOT EXISTS PUBLIC."pathlab_health" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "checked_at" BIGINT NOT NULL
    );
MERGE INTO PUBLIC."pathlab_health" ("id", "checked_at") KEY ("id") VALUES (1, 0);
