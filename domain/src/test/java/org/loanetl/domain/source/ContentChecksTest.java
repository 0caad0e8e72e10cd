package org.loanetl.domain.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.loanetl.domain.SourceChangedException;
import org.loanetl.domain.model.SourceFile;

/** A file versioned by its hash commits and is cleaned up only as the version listed, whichever source reads it. */
class ContentChecksTest {

    private static final String LOCATION = "file:/data/2011.csv";
    private static final FileTime LISTED_AT = FileTime.fromMillis(1_000);
    private static final FileTime LATER = FileTime.fromMillis(2_000);
    private static final String TEXT = "id\n1\n";
    private static final String WHERE = "/data/2011.csv";
    private static final ContentChecks.Stat AS_LISTED = new ContentChecks.Stat(5, LISTED_AT);

    private final ContentChecks checks = new ContentChecks();

    @Test
    void confirmsTheBytesOfTheListedVersionOfAnUnchangedFile() throws Throwable {
        readThenConfirm(listed(TEXT), TEXT, AS_LISTED, Optional.of(AS_LISTED)).call();
    }

    @Test
    void refusesBytesOfAnotherSizeNamingTheSizes() throws IOException {
        ContentChecks.Stat grown = new ContentChecks.Stat(7, LATER);

        assertThatThrownBy(readThenConfirm(listed(TEXT), TEXT + "2\n", grown, Optional.of(grown)))
                .isInstanceOf(SourceChangedException.class)
                .hasMessage(WHERE + ": changed while being read (listed at 5 bytes, 7 read, 7 now); nothing of it"
                        + " committed, left in place for a later run");
    }

    @Test
    void refusesAFileModifiedWhileReadNamingTheTime() throws IOException {
        assertThatThrownBy(readThenConfirm(listed(TEXT), TEXT, AS_LISTED, Optional.of(new ContentChecks.Stat(5, LATER))))
                .isInstanceOf(SourceChangedException.class)
                .hasMessageContaining("(modified at " + LATER + ")");
    }

    @Test
    void refusesAFileTouchedBetweenItsListingAndItsRead() throws IOException {
        ContentChecks.Stat touched = new ContentChecks.Stat(5, LATER);

        assertThatThrownBy(readThenConfirm(listed(TEXT), TEXT, touched, Optional.of(touched)))
                .isInstanceOf(SourceChangedException.class)
                .hasMessageContaining("(modified at " + LATER + ")");
    }

    @Test
    void refusesAFileThatIsGone() throws IOException {
        assertThatThrownBy(readThenConfirm(listed(TEXT), TEXT, AS_LISTED, Optional.empty()))
                .isInstanceOf(SourceChangedException.class)
                .hasMessageStartingWith(WHERE + ": changed while being read (it was moved or deleted while being read)");
    }

    @Test
    void holdsAVersionItSawWithoutHashingAndOtherwiseByHash() throws IOException {
        SourceFile file = listed(TEXT);
        ContentChecks.Hash never = () -> {
            throw new AssertionError("hashed");
        };

        assertThat(checks.holds(file, new ContentChecks.Stat(5, LISTED_AT), never)).isTrue();
        assertThat(checks.holds(file, new ContentChecks.Stat(6, LISTED_AT), never)).isFalse();
        assertThat(checks.holds(file, new ContentChecks.Stat(5, LATER), () -> file.version())).isTrue();
        assertThat(checks.holds(file, new ContentChecks.Stat(5, LATER), () -> "sha256:other")).isFalse();
    }

    @Test
    void holdsByHashAVersionAnotherRunListed() throws IOException {
        SourceFile file = new SourceFile(LOCATION, hash(TEXT), -1);

        assertThat(new ContentChecks().holds(file, new ContentChecks.Stat(5, LATER), () -> hash(TEXT))).isTrue();
    }

    @Test
    void confirmsOnlyWhatItOpened() {
        SourceFile file = new SourceFile(LOCATION, "sha256:x", 1);

        assertThatThrownBy(() -> checks.confirm(file, WHERE, Optional::empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(LOCATION + ": confirmed without being open");
    }

    private SourceFile listed(String text) throws IOException {
        SourceFile file = new SourceFile(LOCATION, hash(text), text.length());
        checks.listed(LOCATION, new ContentChecks.Stat(text.length(), LISTED_AT), file.version());
        return file;
    }

    /**
     * Opens the file as {@code served} bytes with the {@code opened} stat and reads part of it, as a load that stops
     * early (confirming reads the rest); then the confirmation, with the file's stat {@code now}.
     */
    private ThrowingCallable readThenConfirm(SourceFile file, String served, ContentChecks.Stat opened,
                                             Optional<ContentChecks.Stat> now) throws IOException {
        checks.open(file, bytes(served), opened).readNBytes(2);
        return () -> checks.confirm(file, WHERE, () -> now);
    }

    private static String hash(String text) throws IOException {
        return SourceVersions.contentHash(bytes(text));
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }
}
