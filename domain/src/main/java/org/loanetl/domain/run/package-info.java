/**
 * A run as the world outside sees it: when it started, which files it read, how it ended. {@link
 * org.loanetl.domain.run.RunObserver} is the port that lineage events and metrics implement; {@link
 * org.loanetl.domain.run.RunObservers} tells every observer, so that none of them can fail a load.
 */
package org.loanetl.domain.run;
