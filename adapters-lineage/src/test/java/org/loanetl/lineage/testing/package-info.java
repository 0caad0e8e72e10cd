/**
 * The OpenLineage endpoint of every module's lineage tests, shipped in this module's test jar: {@link
 * org.loanetl.lineage.testing.LineageEndpoint} receives events over HTTP on loopback and checks each against the run
 * event schema and the counts facet's published schema.
 */
package org.loanetl.lineage.testing;
