package org.loanetl.domain.model;

/**
 * How a {@link LoanRow} holds one value, and what {@link LoanRow#value} boxes it as. Every kind but text is a
 * {@code long}: no double anywhere, so money stays exact.
 */
public enum ValueType {
    /** Exact decimal with two places, held as its unscaled value ({@code 123.45} is 12345); a {@link java.math.BigDecimal}. */
    DECIMAL2,
    /** A 64-bit whole number; a {@link Long}. */
    WHOLE,
    /** A small whole number (the term in months); an {@link Integer}. */
    SMALL_WHOLE,
    /** A calendar day, held as its epoch day; a {@link java.time.LocalDate}. */
    DAY,
    /** Text exactly as read; a {@link String}. */
    TEXT
}
