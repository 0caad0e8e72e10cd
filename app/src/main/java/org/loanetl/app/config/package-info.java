/**
 * Configuration: the YAML file, the environment and the command line, resolved once into {@link
 * org.loanetl.app.config.Settings}, each value checked against its key's type and remembered with where it came from,
 * so a bad one is named by its origin ({@code option --threads}, {@code environment variable LOANETL_THREADS},
 * {@code config key engine.threads}). Precedence, stated once for every key: <b>flag &gt; environment &gt; file &gt;
 * default</b>.
 */
package org.loanetl.app.config;
