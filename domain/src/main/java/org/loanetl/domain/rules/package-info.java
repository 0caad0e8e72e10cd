/**
 * The loan rules: the column catalog and each column's kind, how a raw value is cast, the filters, and what becomes
 * of a row. Pure functions of their input, serializable so Spark executors run exactly the same rules.
 */
package org.loanetl.domain.rules;
