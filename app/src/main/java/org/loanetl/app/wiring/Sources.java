package org.loanetl.app.wiring;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.domain.port.LoadLedger;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.local.LocalFolderLoanFileSource;

/**
 * The sources of one run: local folders and files, S3 prefixes, or both. Lists the local files first, then the S3
 * keys, and sends each file back to the source that listed it (by its location's scheme). Closing it releases the
 * S3 client.
 */
public final class Sources implements LoanFileSource, AutoCloseable {

    private final LoanFileSource local;
    private final LoanFileSource s3;

    /** Either may be {@code null}, not both. */
    Sources(LoanFileSource local, LoanFileSource s3) {
        this.local = local;
        this.s3 = s3;
    }

    @Override
    public Stream<SourceFile> files(Consumer<String> ignored) {
        if (local == null || s3 == null) {
            return (local == null ? s3 : local).files(ignored);
        }
        // concat is lazy: the S3 listing starts once the local files have been taken
        return Stream.concat(local.files(ignored), Stream.of(s3).flatMap(source -> source.files(ignored)));
    }

    @Override
    public InputStream open(SourceFile file) throws IOException {
        return of(file).open(file);
    }

    @Override
    public void confirmUnchanged(SourceFile file) throws IOException {
        of(file).confirmUnchanged(file);
    }

    @Override
    public void finish(SourceFile file, AfterLoad after) throws IOException {
        of(file).finish(file, after);
    }

    @Override
    public boolean slowToOpen(SourceFile file) {
        LoanFileSource source = of(file);
        return source != null && source.slowToOpen(file);
    }

    @Override
    public boolean owns(SourceFile file) {
        LoanFileSource source = of(file);
        return source != null && source.owns(file);
    }

    @Override
    public boolean readsRanges(SourceFile file) {
        LoanFileSource source = of(file);
        return source != null && source.readsRanges(file);
    }

    @Override
    public InputStream openRange(SourceFile file, long start, long end) throws IOException {
        return of(file).openRange(file, start, end);
    }

    @Override
    public void confirmRangeUnchanged(SourceFile file) throws IOException {
        of(file).confirmRangeUnchanged(file);
    }

    /**
     * Lets the local files take their versions from the ledger when their stat is unchanged, if
     * {@code source.trust-unchanged} says so (S3 keys are versioned by their ETag, which costs no read).
     */
    public void trustUnchanged(Settings settings, LoadLedger ledger) {
        if (settings.bool(ConfigKey.SOURCE_TRUST_UNCHANGED) && local instanceof LocalFolderLoanFileSource folder) {
            folder.trustUnchanged(ledger);
        }
    }

    private LoanFileSource of(SourceFile file) {
        return file.location().regionMatches(true, 0, "s3://", 0, 5) ? s3 : local;
    }

    @Override
    public void close() throws Exception {
        if (s3 instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
