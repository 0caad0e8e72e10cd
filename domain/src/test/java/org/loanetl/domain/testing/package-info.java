/**
 * Test helpers shipped in the domain's test-jar for adapter and app tests: in-memory fakes of the ports
 * ({@link org.loanetl.domain.testing.InMemoryLoanFileSource}, {@link org.loanetl.domain.testing.InMemoryLoadSink},
 * {@link org.loanetl.domain.testing.InMemoryLoadLedger}) that write what they are asked to do into a shared
 * {@link org.loanetl.domain.testing.Journal}; builders of loans files; the fixture folder; and the canonical rendering
 * of typed values that golden files such as {@code reference/sample-53col.expected-loans.csv} are written in.
 */
package org.loanetl.domain.testing;
