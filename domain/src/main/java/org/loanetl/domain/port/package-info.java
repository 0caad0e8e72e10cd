/**
 * Ports: what the domain needs from the outside, implemented by adapters and wired by {@code app}. Each is small and
 * says what holds before and after each call.
 */
package org.loanetl.domain.port;
