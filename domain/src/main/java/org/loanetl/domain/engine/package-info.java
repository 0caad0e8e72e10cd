/**
 * The driving port: {@link org.loanetl.domain.engine.LoadEngine}, what every engine (in-process, Spark) implements and
 * {@code app} calls. Apart from the driven ports of {@code port} (sources, sinks, ledgers), which the per-file use case
 * in {@code load} calls: the engine port needs the use case's job and report, the use case needs the driven ports, and
 * kept in one package they made a cycle.
 */
package org.loanetl.domain.engine;
