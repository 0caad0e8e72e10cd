package org.loanetl.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoanRowTest {

    @Test
    void givesBackEachValueItWasBuiltFromBoxedAsBefore() {
        Object[] values = {new BigDecimal("15824.00"), new BigDecimal("-0.01"), 1077501L, 36, LocalDate.of(2011, 12, 1),
            " Fully Paid ", null, "漢😀"};

        LoanRow row = LoanRow.of(7, values);

        assertThat(row.line()).isEqualTo(7);
        assertThat(row.size()).isEqualTo(values.length);
        assertThat(row.values()).containsExactly(values);
        assertThat(row.type(0)).isEqualTo(ValueType.DECIMAL2);
        assertThat(row.number(0)).isEqualTo(1_582_400);
        assertThat(row.type(3)).isEqualTo(ValueType.SMALL_WHOLE);
        assertThat(row.number(4)).isEqualTo(LocalDate.of(2011, 12, 1).toEpochDay());
        assertThat(row.isNull(6)).isTrue();
        assertThat(new String(row.chars(), row.textStart(5), row.textEnd(5) - row.textStart(5))).isEqualTo(" Fully Paid ");
        assertThat(row).hasToString("LoanRow[line=7, values=[15824.00, -0.01, 1077501, 36, 2011-12-01,  Fully Paid , null, 漢😀]]");
    }

    @Test
    void refusesAValueItCannotHoldAndArraysOfDifferentLengths() {
        assertThatThrownBy(() -> LoanRow.of(1, 1.5d)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a value a row holds: java.lang.Double");
        assertThatThrownBy(() -> new LoanRow(1, new ValueType[2], new long[2], new int[1], new int[2], new char[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawFieldsReadAsTheListTheyWereMadeFrom() {
        List<String> fields = List.of("", " a ", "  ", "15,000", "\t");

        RawFields raw = RawFields.of(fields);

        assertThat(raw).isEqualTo(fields).hasSameHashCodeAs(fields);
        assertThat(raw.start(1)).isZero();
        assertThat(raw.end(1)).isEqualTo(3);
        assertThat(raw.length(3)).isEqualTo(6);
        assertThat(List.of(0, 1, 2, 3, 4)).map(raw::isBlank).containsExactly(true, false, true, false, true);
        assertThatThrownBy(() -> raw.start(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new RawFields(new char[2], new int[] {0, 3}, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
