/**
 * The Pushgateway of every module's metrics tests, shipped in this module's test jar: {@link
 * org.loanetl.metrics.testing.Pushgateway} runs Debian's {@code prometheus-pushgateway} on loopback (installing it
 * when missing), and {@link org.loanetl.metrics.testing.Series} reads a series off its {@code /metrics} page.
 */
package org.loanetl.metrics.testing;
