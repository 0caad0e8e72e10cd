/**
 * Prometheus metrics of a run: {@link org.loanetl.metrics.PushgatewayObserver} counts rows, files and bytes as files
 * end and pushes them to a Pushgateway every few seconds and when the run ends, as {@link
 * org.loanetl.metrics.MetricsSettings} say. {@code RunMetrics} (package-private) holds the series.
 */
package org.loanetl.metrics;
