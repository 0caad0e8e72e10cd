/**
 * The embedded PostgreSQL of every module's tests, shipped in this module's test jar: {@link
 * org.loanetl.postgres.testing.TestPostgres} (one server per test JVM, a schema per caller, a password role) and
 * {@link org.loanetl.postgres.testing.TestPostgresExtension} (a JUnit 5 extension that hands out fresh schemas).
 */
package org.loanetl.postgres.testing;
