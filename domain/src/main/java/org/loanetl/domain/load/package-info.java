/**
 * The load use cases: {@link org.loanetl.domain.load.LoadFile} takes one file from source to sink (ledger check,
 * read, classify, commit, cleanup) and is what every engine calls, so engines cannot drift apart.
 */
package org.loanetl.domain.load;
