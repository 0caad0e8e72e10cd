-- Each file's funding footers ("Total amount funded in policy code N: X") checked against the sum of its rows'
-- funded_amnt of that policy code, as a JSON array of {policy_code, footer, rows, match}; NULL for a file without
-- footers and for files loaded before it was recorded. Nullable without a default: adding it rewrites nothing.
ALTER TABLE "${flyway:defaultSchema}".loaded_files ADD COLUMN control_totals jsonb;
