/** Test support for the app: a shared real PostgreSQL and an in-JVM runner of the CLI. */
package org.loanetl.app.testing;
