package org.loanetl.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.loanetl.postgres.testing.TestPostgres;

/** The {@code text[]} literals the claim binds, read back by a real PostgreSQL as the lists they were written from. */
class TextArraysTest {

    private static final String ALPHABET = "ab ,{}\"\\'\t\n;é漢😀NUL";

    @Test
    void theServerReadsEachLiteralBackAsItsList() throws Exception {
        Random random = new Random(2016);
        List<List<String>> lists = new ArrayList<>(List.of(List.of(), List.of(""), List.of("NULL", "null"),
                List.of("id", "loan_amnt", "desc"), List.of("a\"b", "c\\d", "{e}", "f,g", " h ")));
        for (int i = 0; i < 200; i++) {
            List<String> list = new ArrayList<>();
            for (int n = random.nextInt(6); n > 0; n--) {
                StringBuilder value = new StringBuilder();
                for (int k = random.nextInt(8); k > 0; k--) {
                    value.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                            random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
                }
                list.add(value.toString());
            }
            lists.add(list);
        }
        TextArrays arrays = new TextArrays();

        try (Connection c = TestPostgres.jdbi().open().getConnection();
             PreparedStatement read = c.prepareStatement("SELECT ?::text[]")) {
            for (List<String> list : lists) {
                read.setString(1, arrays.literal(list));
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    Array array = rs.getArray(1);
                    assertThat(Arrays.asList((String[]) array.getArray())).as(TextArrays.write(list)).isEqualTo(list);
                }
            }
        }
    }

    @Test
    void keepsOneLiteralPerListAndForgetsPastItsBound() {
        TextArrays arrays = new TextArrays();
        List<String> header = new ArrayList<>(List.of("id", "loan_amnt"));

        String first = arrays.literal(header);
        header.add("changed after"); // the kept key is a copy: a caller's later change does not alter it

        assertThat(arrays.literal(List.of("id", "loan_amnt"))).isSameAs(first);
        for (int i = 0; i <= TextArrays.KEPT; i++) {
            arrays.literal(List.of("c" + i));
        }
        assertThat(arrays.literal(List.of("id", "loan_amnt"))).isEqualTo(first).isNotSameAs(first);
        assertThat(arrays.literal(null)).isNull();
    }
}
