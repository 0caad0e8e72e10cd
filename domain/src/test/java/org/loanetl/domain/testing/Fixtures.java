package org.loanetl.domain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's {@code fixtures/} folder: surefire passes it as the system property {@code loanetl.fixtures};
 * run from an IDE without it, the nearest {@code fixtures} folder above the working directory is used.
 */
public final class Fixtures {

    public static final String PROPERTY = "loanetl.fixtures";

    private Fixtures() {
    }

    /** The fixture folder. */
    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("fixtures"))) {
                return dir.resolve("fixtures");
            }
        }
        throw new IllegalStateException("no fixture folder: set -D" + PROPERTY + "=<repo>/fixtures");
    }

    /** A fixture by its path under the fixture folder ({@code reference/sample-53col.csv}). */
    public static Path path(String relative) {
        Path path = root().resolve(relative);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("fixture " + relative + " is missing under " + root());
        }
        return path;
    }

    /** A fixture's bytes. */
    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The input {@code .csv} files of one fixture subfolder ({@code layouts}), as paths under the fixture folder,
     * sorted; golden files ({@code *.expected-loans.csv}, {@code expected-outcomes.csv}) are left out.
     */
    public static List<String> csvFiles(String folder) {
        try (Stream<Path> files = Files.list(root().resolve(folder))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .filter(p -> !p.getFileName().toString().contains("expected"))
                    .map(p -> folder + "/" + p.getFileName())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
