package org.loanetl.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.loanetl.domain.source.SourceVersions;

/** Content versions: a file's SHA-256, so an edit is a new version and a mere touch is not. */
final class FileVersions {

    private FileVersions() {
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return SourceVersions.contentHash(in);
        }
    }
}
