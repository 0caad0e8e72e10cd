/**
 * The PostgreSQL adapter: the sink that COPYs each file's loans and rejects and commits them with its ledger row in
 * one transaction, the ledger read by the use case and the CLI, the Flyway migrations that create the tables (the
 * loans columns derived from the domain's column catalog), and an embedded PostgreSQL for running without a server.
 * {@link org.loanetl.postgres.PostgresDatabase} and {@link org.loanetl.postgres.EmbeddedServer} are what {@code app} constructs; the rest stays package-private.
 */
package org.loanetl.postgres;
