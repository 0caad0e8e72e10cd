-- Each loan's newest snapshot, by its id, across every file loaded (docs/rules.md, "The current state of each loan"),
-- and the view loans_current over it: the loans whose newest snapshot loaded. A loan whose newest snapshot was
-- filtered out keeps a row here with the filter's reason in "filtered" and only its keys, so that an older snapshot
-- loaded later cannot bring it back. Maintained only where database.current-table is on. The table starts as a copy
-- of the loans table's columns as they are; the repeatable Java migration adds each new catalog column to both and
-- makes the view again with the columns listed.
CREATE TABLE "${flyway:defaultSchema}".loan_latest (LIKE "${flyway:defaultSchema}".loans);
ALTER TABLE "${flyway:defaultSchema}".loan_latest ADD COLUMN IF NOT EXISTS id bigint, ADD COLUMN filtered text;
ALTER TABLE "${flyway:defaultSchema}".loan_latest ALTER COLUMN id SET NOT NULL, ADD PRIMARY KEY (id);
DO $$
BEGIN
    EXECUTE (SELECT format('CREATE VIEW %I.loans_current AS SELECT %s FROM %I.loan_latest WHERE filtered IS NULL',
                           '${flyway:defaultSchema}', string_agg(quote_ident(attname), ', ' ORDER BY attnum),
                           '${flyway:defaultSchema}')
             FROM pg_attribute
             WHERE attrelid = format('%I.loan_latest', '${flyway:defaultSchema}')::regclass
               AND attnum > 0 AND NOT attisdropped AND attname <> 'filtered');
END
$$;
