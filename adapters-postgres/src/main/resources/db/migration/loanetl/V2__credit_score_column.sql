-- Which column each file's credit score was read from (last_fico_range_low, fico_range_low, ...), or 'not applied'
-- when the score filter did not run on it (switched off, or the file has no score column and the rules say to load it
-- anyway): the low_credit_score count means nothing without it. NULL for files loaded before it was recorded.
-- Nullable and without a default, so adding it to a ledger of any size rewrites nothing.
ALTER TABLE "${flyway:defaultSchema}".loaded_files ADD COLUMN credit_score_column text;
