-- Each file's header as read, so that its stored rejects can be run through later rules in the file's own layout
-- (loan-etl rejects replay, docs/rules.md "Rejects that can be loaded later"). NULL for files loaded before it was
-- recorded: their rejects cannot be replayed. Nullable without a default: adding it rewrites nothing.
ALTER TABLE "${flyway:defaultSchema}".loaded_files ADD COLUMN header text[];

-- One row per committed replay of one file's rejects, written in the replay's own transaction with the rows it moved,
-- so a replay is recorded exactly when its changes are: moved (now in loans), filtered (now counted as filtered),
-- still_rejected (left in loan_rejects, with their reason as the replay's rules give it), and the rules it ran under.
CREATE TABLE "${flyway:defaultSchema}".replays (
    id             bigserial   PRIMARY KEY,
    file_id        bigint      NOT NULL REFERENCES "${flyway:defaultSchema}".loaded_files (id),
    started_at     timestamptz NOT NULL,
    committed_at   timestamptz NOT NULL,
    moved          bigint      NOT NULL,
    filtered       bigint      NOT NULL,
    still_rejected bigint      NOT NULL,
    rules          text        NOT NULL
);
CREATE INDEX replays_file_id_idx ON "${flyway:defaultSchema}".replays (file_id);
