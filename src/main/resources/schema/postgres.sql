-- pekko-persistence-jdbc 1.1.1 schema/postgres/postgres-create-schema.sql, made idempotent (IF NOT
-- EXISTS everywhere, plain instead of CONCURRENTLY index builds), plus pathlab's own tables: the
-- same as schema/h2.sql. Run at every daemon start.

CREATE TABLE IF NOT EXISTS public.event_journal(
  ordering BIGSERIAL,
  persistence_id VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  deleted BOOLEAN DEFAULT FALSE NOT NULL,
  writer VARCHAR(255) NOT NULL,
  write_timestamp BIGINT,
  adapter_manifest VARCHAR(255),
  event_ser_id INTEGER NOT NULL,
  event_ser_manifest VARCHAR(255) NOT NULL,
  event_payload BYTEA NOT NULL,
  meta_ser_id INTEGER,
  meta_ser_manifest VARCHAR(255),
  meta_payload BYTEA,
  PRIMARY KEY(persistence_id, sequence_number)
);

CREATE UNIQUE INDEX IF NOT EXISTS event_journal_ordering_idx ON public.event_journal(ordering);

CREATE TABLE IF NOT EXISTS public.event_tag(
  event_id BIGINT,
  tag VARCHAR(256),
  PRIMARY KEY(event_id, tag),
  CONSTRAINT fk_event_journal
    FOREIGN KEY(event_id)
    REFERENCES event_journal(ordering)
    ON DELETE CASCADE
);

-- The journal's events by tag (the report projection's source) in order, without a full scan.
CREATE INDEX IF NOT EXISTS event_tag_tag_idx ON public.event_tag(tag, event_id);

CREATE TABLE IF NOT EXISTS public.snapshot (
  persistence_id VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  created BIGINT NOT NULL,
  snapshot_ser_id INTEGER NOT NULL,
  snapshot_ser_manifest VARCHAR(255) NOT NULL,
  snapshot_payload BYTEA NOT NULL,
  meta_ser_id INTEGER,
  meta_ser_manifest VARCHAR(255),
  meta_payload BYTEA,
  PRIMARY KEY(persistence_id, sequence_number)
);

CREATE TABLE IF NOT EXISTS public.durable_state (
  global_offset BIGSERIAL,
  persistence_id VARCHAR(255) NOT NULL,
  revision BIGINT NOT NULL,
  state_payload BYTEA NOT NULL,
  state_serial_id INTEGER NOT NULL,
  state_serial_manifest VARCHAR(255),
  tag VARCHAR,
  state_timestamp BIGINT NOT NULL,
  PRIMARY KEY(persistence_id)
);
CREATE INDEX IF NOT EXISTS state_tag_idx ON public.durable_state (tag);
CREATE INDEX IF NOT EXISTS state_global_offset_idx ON public.durable_state (global_offset);

-- pathlab's read model, kept by the report projection in the same transaction as its offset.
CREATE TABLE IF NOT EXISTS public.pathlab_experiment_summary (
  experiment_id VARCHAR(255) NOT NULL PRIMARY KEY,
  scenario VARCHAR(255) NOT NULL,
  status VARCHAR(16) NOT NULL,
  tasks_completed INTEGER NOT NULL,
  tasks_total INTEGER NOT NULL,
  submitted_at BIGINT NOT NULL,
  finished_at BIGINT NOT NULL,
  event_count BIGINT NOT NULL,
  state_ser_id INTEGER NOT NULL,
  state_ser_manifest VARCHAR NOT NULL,
  state_payload BYTEA NOT NULL
);

-- One row the storage monitor rewrites every second: a journal that cannot take this write cannot
-- take events either, and /api/health says so (docs/operations.md, storage faults).
CREATE TABLE IF NOT EXISTS public.pathlab_health (
  id INTEGER NOT NULL PRIMARY KEY,
  checked_at BIGINT NOT NULL
);
INSERT INTO public.pathlab_health (id, checked_at) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
