/**
 * OpenLineage events of a run: {@link org.loanetl.lineage.OpenLineageObserver} sends {@code START} when a run starts
 * and {@code COMPLETE}, {@code FAIL} or {@code ABORT} when it ends, over HTTP, to a file or to the log, as {@link
 * org.loanetl.lineage.LineageSettings} say. The rest is package-private: how events are built ({@code LineageEvents}),
 * the counts facet ({@code CountsRunFacet}) and the client's transport ({@code Transports}).
 */
package org.loanetl.lineage;
