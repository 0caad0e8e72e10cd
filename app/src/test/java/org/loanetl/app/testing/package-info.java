/**
 * Test support for the app: an in-JVM runner of the CLI and a runner of it as a child process. The tests' PostgreSQL
 * is {@link org.loanetl.postgres.testing.TestPostgres}, from the postgres adapter's test jar.
 */
package org.loanetl.app.testing;
