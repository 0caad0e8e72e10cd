package org.loanetl.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.SourceChangedException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.LedgerEntry;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoadLedger;

/** A listed file's stat, recorded with its version, and taken instead of a hash when the source is told to trust it. */
class TrustUnchangedTest {

    @TempDir
    Path dir;

    private final Map<List<String>, String> recorded = new HashMap<>();
    private int asked;
    private boolean down;

    /** A ledger that knows only versions by stat; the rest of the port is not used by a listing. */
    private final LoadLedger ledger = new LoadLedger() {
        @Override
        public Optional<String> versionWithStat(String location, String stat) {
            asked++;
            if (down) {
                throw new IllegalStateException("database gone");
            }
            return Optional.ofNullable(recorded.get(List.of(location, stat)));
        }

        @Override
        public Optional<LedgerEntry> find(SourceFile file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cleaningUp(SourceFile file, AfterLoad after) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cleanedUp(SourceFile file, AfterLoad after) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<UnfinishedCleanup> unfinishedCleanups() {
            return List.of();
        }
    };

    @Test
    void recordsWhatTheFileSystemSaysOfEachListedFile() throws IOException {
        Path file = write("a.csv", "id\n1\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_123L));

        SourceFile listed = only(new LocalFolderLoanFileSource(List.of(dir), null));

        assertThat(listed.stat()).matches("size=5 modified=2023-11-14T22:13:20\\.123Z key=\\(dev=\\w+,ino=\\d+\\)");
        assertThat(listed.version()).isEqualTo(FileVersions.sha256(file));
    }

    @Test
    void takesTheRecordedVersionOfAFileWhoseStatIsUnchangedWithoutReadingIt() throws IOException {
        write("a.csv", "id\n1\n");
        SourceFile first = only(new LocalFolderLoanFileSource(List.of(dir), null));
        // a version no hash of the bytes could give: only the ledger can have said it
        recorded.put(List.of(first.location(), first.stat()), "sha256:recorded");
        LocalFolderLoanFileSource trusting = new LocalFolderLoanFileSource(List.of(dir), null);
        trusting.trustUnchanged(ledger);

        SourceFile again = only(trusting);

        assertThat(again.version()).isEqualTo("sha256:recorded");
        assertThat(again.stat()).isEqualTo(first.stat());
    }

    @Test
    void hashesAFileWhoseStatChanged() throws IOException {
        Path file = write("a.csv", "id\n1\n");
        SourceFile first = only(new LocalFolderLoanFileSource(List.of(dir), null));
        recorded.put(List.of(first.location(), first.stat()), "sha256:recorded");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1_000));
        LocalFolderLoanFileSource trusting = new LocalFolderLoanFileSource(List.of(dir), null);
        trusting.trustUnchanged(ledger);

        SourceFile again = only(trusting);

        assertThat(again.version()).isEqualTo(first.version());
        assertThat(again.stat()).isNotEqualTo(first.stat());
    }

    @Test
    void hashesEveryFileWhenTrustIsOffOrTheLedgerCannotSay() throws IOException {
        write("a.csv", "id\n1\n");
        SourceFile first = only(new LocalFolderLoanFileSource(List.of(dir), null));
        recorded.put(List.of(first.location(), first.stat()), "sha256:recorded");

        assertThat(only(new LocalFolderLoanFileSource(List.of(dir), null)).version()).isEqualTo(first.version());
        assertThat(asked).isZero();

        LocalFolderLoanFileSource trusting = new LocalFolderLoanFileSource(List.of(dir), null);
        trusting.trustUnchanged(ledger);
        down = true;
        assertThat(only(trusting).version()).isEqualTo(first.version());
        assertThat(asked).isEqualTo(1);
    }

    @Test
    void loadsATrustedFileOnlyIfItsBytesAreTheRecordedVersion() throws IOException {
        write("a.csv", "id\n1\n");
        SourceFile first = only(new LocalFolderLoanFileSource(List.of(dir), null));
        recorded.put(List.of(first.location(), first.stat()), "sha256:recorded");
        LocalFolderLoanFileSource trusting = new LocalFolderLoanFileSource(List.of(dir), null);
        trusting.trustUnchanged(ledger);
        SourceFile trusted = only(trusting);

        try (InputStream in = trusting.open(trusted)) {
            in.readAllBytes();
            // the bytes hash to another version than the one listed: the load must not commit (a load confirms
            // before its commit, with the file still open)
            assertThatThrownBy(() -> trusting.confirmUnchanged(trusted)).isInstanceOf(SourceChangedException.class);
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static SourceFile only(LocalFolderLoanFileSource source) {
        List<SourceFile> files;
        try (var listed = source.files(new ArrayList<String>()::add)) {
            files = listed.toList();
        }
        assertThat(files).hasSize(1);
        return files.get(0);
    }
}
