-- What the file system said of each file when it was listed (size, modification time, inode, as the source writes it),
-- or NULL (S3 keys, whose ETag is their version already; files loaded before it was recorded). With
-- source.trust-unchanged, a listing that finds a file at the same location with the same stat takes the version
-- recorded here instead of hashing the file again (docs/configuration.md). Nullable and without a default, so adding
-- it to a ledger of any size rewrites nothing; the index serves that lookup.
ALTER TABLE "${flyway:defaultSchema}".loaded_files ADD COLUMN source_stat text;
CREATE INDEX loaded_files_source_stat_idx ON "${flyway:defaultSchema}".loaded_files (source, source_stat)
    WHERE source_stat IS NOT NULL;
