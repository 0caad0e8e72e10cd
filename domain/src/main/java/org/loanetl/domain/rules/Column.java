package org.loanetl.domain.rules;

import java.io.Serializable;
import java.util.Objects;

/**
 * A LendingClub column the catalog knows.
 *
 * @param name       its header name, lower case ({@code int_rate})
 * @param storedName the name of its database column: the header name, except {@code desc}, a reserved word in SQL,
 *                   which is stored as {@code description} (as the original job did)
 * @param kind       how its values are cast
 */
public record Column(String name, String storedName, ColumnKind kind) implements Serializable {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(storedName, "storedName");
        Objects.requireNonNull(kind, "kind");
    }

    /** A column stored under its own name, or {@code description} for {@code desc}. */
    public static Column of(String name, ColumnKind kind) {
        return new Column(name, name.equals("desc") ? "description" : name, kind);
    }
}
