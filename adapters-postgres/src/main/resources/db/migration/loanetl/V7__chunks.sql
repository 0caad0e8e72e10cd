-- Files loaded in chunks (byte ranges of one large file, each committed on its own). Each chunk has a row of its own
-- here, whose source is the file's with its range, 'file:/data/big.csv#bytes=0-134217728', and the file's version;
-- its loans and rejects are under that row. Once every chunk has committed, the file gets a row too: its counts are
-- the sums of its chunks' counts, and its loans and rejects are none of its own (they stay under the chunks' rows).
-- So a query that adds up loaded_files must leave out either the file rows (chunks IS NOT NULL) or the chunk rows
-- (source ~ '#bytes=[0-9]+-[0-9]+$'), or it counts a chunked file twice.
--
-- chunks: on a file's row, how many chunks it was loaded in; NULL on a chunk's row and on a file loaded whole.
-- chunk_sums: on a chunk's row, its part of the file's control totals, whose footers can only be checked once all of
-- its rows are in: {"rows": {"1": "123.45"}, "footers": {"1": "999"}}, the sum of its rows' funded_amnt and the amount
-- of each footer it holds, by policy code, as strings to keep the decimals exact. The file's row holds the totals made
-- from them in control_totals (V4). NULL elsewhere. Both nullable without a default: adding them rewrites nothing.
ALTER TABLE "${flyway:defaultSchema}".loaded_files ADD COLUMN chunks integer, ADD COLUMN chunk_sums jsonb;

-- How each file loaded in chunks was cut, saved before its first chunk loads: a rerun after a crash takes the same
-- chunks from here instead of reading the whole file again to find them (and with source.trust-unchanged, takes the
-- file's version from source_stat too, without hashing it). starts: each chunk's first byte; lines: the line its first
-- record starts on. The first runner's plan stands: a second runner planning the same version takes it.
CREATE TABLE "${flyway:defaultSchema}".chunk_plans (
    source      text        NOT NULL,
    version     text        NOT NULL,
    size        bigint      NOT NULL,
    chunk_size  bigint      NOT NULL,
    starts      bigint[]    NOT NULL,
    lines       bigint[]    NOT NULL,
    source_stat text,
    planned_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, version)
);
