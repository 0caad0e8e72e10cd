package org.loanetl.domain.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The layout families LendingClub files come in (the spec's section 1), each known by the header of a real file of
 * it, from {@code layout-families.tsv}. Only for telling a user what a file looks like: loading never depends on the
 * family, since columns are matched by name whatever the layout.
 */
public final class LayoutFamilies {

    private static final String RESOURCE = "layout-families.tsv";
    /** Below this share of names in common with every family, a header is said to be of none. */
    static final double LEAST_SIMILARITY = 0.5;
    private static final LayoutFamilies STANDARD = load();

    private final List<Family> families;

    private LayoutFamilies(List<Family> families) {
        this.families = List.copyOf(families);
    }

    /** The families shipped with loan-etl. */
    public static LayoutFamilies standard() {
        return STANDARD;
    }

    /** Every family, in the order of the resource. */
    public List<Family> families() {
        return families;
    }

    /**
     * The family whose header is most like this one: the most names in common for the names of both together
     * (trimmed, any case; empty names left out).
     */
    public Recognition recognise(List<String> header) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : header) {
            String normalized = ColumnCatalog.normalize(name);
            if (!normalized.isEmpty()) {
                names.add(normalized);
            }
        }
        Family best = null;
        double bestSimilarity = -1;
        int bestShared = 0;
        for (Family family : families) {
            Set<String> shared = new HashSet<>(family.columns());
            shared.retainAll(names);
            int union = names.size() + family.columns().size() - shared.size();
            double similarity = union == 0 ? 0 : (double) shared.size() / union;
            if (similarity > bestSimilarity) {
                best = family;
                bestSimilarity = similarity;
                bestShared = shared.size();
            }
        }
        return new Recognition(best, bestShared, names.size(), bestSimilarity >= LEAST_SIMILARITY);
    }

    /**
     * A layout family.
     *
     * @param tag         a short name ({@code kaggle74})
     * @param description what it is, for a person
     * @param columns     the header names of a real file of it, trimmed and lower case
     */
    public record Family(String tag, String description, Set<String> columns) {
        public Family {
            columns = Set.copyOf(columns);
        }
    }

    /**
     * What a header looks like.
     *
     * @param closest    the family most like it
     * @param shared     how many of the header's names that family's header has too
     * @param names      how many names the header has
     * @param recognised whether it is like enough to be called of that family
     */
    public record Recognition(Family closest, int shared, int names, boolean recognised) {

        /** For a person: {@code Kaggle's loan.csv 2007-2015 (74 columns, no FICO column); 74 of 74 names match}. */
        public String describe() {
            String match = shared + " of " + names + " names as in " + closest.tag();
            return recognised ? closest.description() + " (" + match + ")"
                    : "no layout seen before; closest: " + closest.description() + " (" + match + ")";
        }
    }

    private static LayoutFamilies load() {
        List<Family> families = new ArrayList<>();
        for (TsvResource.Row row : TsvResource.rows(RESOURCE)) {
            String[] parts = row.fields();
            families.add(new Family(parts[0], parts[1], new LinkedHashSet<>(List.of(parts[2].split(",")))));
        }
        return new LayoutFamilies(families);
    }
}
