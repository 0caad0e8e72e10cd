/** Turns resolved settings into the adapters the domain's ports need: source, database, engine. */
package org.loanetl.app.wiring;
