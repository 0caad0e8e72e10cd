package org.loanetl.metrics.testing;

import java.util.Arrays;
import java.util.OptionalDouble;

/** Reads one series out of a {@code /metrics} page: {@code name{label="value",...} 12}. */
public final class Series {

    private Series() {
    }

    /** The value of the series of this name that has all these labels ({@code reason="charged_off"}), if any. */
    public static OptionalDouble value(String page, String name, String... labels) {
        for (String line : page.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            String labelText = close < 0 ? "" : line.substring(name.length(), close + 1);
            if (Arrays.stream(labels).allMatch(labelText::contains)) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return OptionalDouble.empty();
    }
}
