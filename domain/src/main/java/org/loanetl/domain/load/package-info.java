/**
 * The load use cases: {@link org.loanetl.domain.load.LoadFile} takes one file from source to sink (ledger check,
 * read, classify, commit, cleanup) and is what every engine calls, so engines cannot drift apart;
 * {@link org.loanetl.domain.load.ReplayRejects} runs stored rejects through today's rules with the same classifier.
 */
package org.loanetl.domain.load;
