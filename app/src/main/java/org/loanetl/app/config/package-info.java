/**
 * Configuration: the YAML file, the environment and the command line, resolved once into plain records. Precedence,
 * stated once for every key: <b>flag &gt; environment &gt; file &gt; default</b>.
 */
package org.loanetl.app.config;
