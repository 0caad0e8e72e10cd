/** The loan-etl command-line tool: {@link org.loanetl.app.Main} and the wiring of adapters to the domain. */
package org.loanetl.app;
