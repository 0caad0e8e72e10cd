package org.loanetl.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loanetl.domain.testing.RawLoan.aLoan;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadJob;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.load.LoadReport;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FileStatus;
import org.loanetl.domain.model.SourceFile;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.domain.testing.LoanCsv;
import org.loanetl.spark.HadoopLoanFileSource.S3Scheme;

/** The Spark engine on a real {@code local[2]} Spark, with files on disk and the in-memory sink and ledger. */
class SparkLoadEngineTest {

    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    private Path in;
    private RegistryTarget target;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkLoadEngineTest")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @BeforeEach
    void inputAndTarget() throws IOException {
        in = Files.createDirectories(dir.resolve("in"));
        target = RegistryTarget.create();
    }

    @Test
    void loadsEveryFileOnExecutorsAndReportsThemInLocationOrder() throws Exception {
        write("c.csv", LoanCsv.aFile().with(aLoan(), aLoan().with("id", "2"), aLoan().with("loan_status", "Charged Off")));
        write("a.csv", LoanCsv.aFile().with(aLoan().with("int_rate", "abc")));
        Files.writeString(in.resolve("b.csv"), "id,loan_amnt\n1,1000\n");
        List<String> finished = new ArrayList<>();

        LoadReport report = engine().run(job(AfterLoad.KEEP, new Recording(finished)));

        assertThat(report.files()).extracting(r -> r.file().name() + " " + r.status().label())
                .containsExactly("a.csv loaded", "b.csv refused", "c.csv loaded");
        assertThat(report.totals().loaded()).isEqualTo(2);
        assertThat(report.totals().chargedOff()).isEqualTo(1);
        assertThat(report.totals().rejected()).isEqualTo(1);
        assertThat(target.sink().rows()).hasSize(2);
        assertThat(target.sink().rejects()).singleElement()
                .satisfies(r -> assertThat(r.reason()).startsWith("int_rate"));
        assertThat(report.files().get(1).reason()).contains("header lacks column loan_status, column purpose, a credit-score column");
        assertThat(finished).containsExactlyInAnyOrder("a.csv", "b.csv", "c.csv");
    }

    @Test
    void skipsEveryFileOnARerun() throws Exception {
        write("a.csv", LoanCsv.aFile().with(aLoan()));
        write("b.csv", LoanCsv.aFile().with(aLoan().with("id", "9")));
        engine().run(job(AfterLoad.KEEP, LoadListener.NONE));

        LoadReport again = engine().run(job(AfterLoad.KEEP, LoadListener.NONE));

        assertThat(again.files()).extracting(FileResult::status).containsOnly(FileStatus.SKIPPED);
        assertThat(target.sink().committed()).hasSize(2);
    }

    @Test
    void archivesCommittedFilesOnTheDriverAndLeavesARefusedOneInPlace() throws Exception {
        write("good.csv", LoanCsv.aFile().with(aLoan()));
        Path refused = Files.writeString(in.resolve("refused.csv"), "id\n1\n");

        LoadReport report = engine().run(job(AfterLoad.ARCHIVE, LoadListener.NONE));

        assertThat(report.files()).extracting(FileResult::after).containsExactly("archived", null);
        assertThat(in.resolve("archive/good.csv")).exists();
        assertThat(in.resolve("good.csv")).doesNotExist();
        assertThat(refused).exists();
        assertThat(target.ledger().entries()).singleElement()
                .satisfies(e -> assertThat(e.cleanup()).isEqualTo(AfterLoad.ARCHIVE));
    }

    @Test
    void reportsNothingForAnEmptyFolder() {
        LoadReport report = engine().run(job(AfterLoad.KEEP, LoadListener.NONE));

        assertThat(report.files()).isEmpty();
    }

    /**
     * A folder that cannot be read fails the listing where it is met (as an {@link UncheckedIOException}, what
     * {@link Files#walk} throws): the files listed before it still load, as in-process, and the report says why the run
     * stopped.
     */
    @Test
    void loadsTheFilesListedBeforeTheListingFailedAndReportsWhyItFailedInOneLine() throws Exception {
        write("a.csv", LoanCsv.aFile().with(aLoan()));
        write("b.csv", LoanCsv.aFile().with(aLoan().with("id", "2")));
        HadoopLoanFileSource folder = new HadoopLoanFileSource(List.of(in.toString()), null, Map.of(), S3Scheme.AUTO);

        LoadReport report = engine().run(new LoadJob(new FailingListing(folder, "/data/in/2012"), LoadRules.defaults(),
                AfterLoad.KEEP, LoadListener.NONE));

        assertThat(report.files()).extracting(r -> r.file().name() + " " + r.status().label())
                .containsExactly("a.csv loaded", "b.csv loaded");
        assertThat(target.sink().committed()).hasSize(2);
        assertThat(report.failure()).isEqualTo("/data/in/2012: cannot list: permission denied");
    }

    @Test
    void refusesASourceItCannotShipToExecutors() {
        LoanFileSource local = new LoanFileSource() {
            @Override
            public Stream<SourceFile> files(Consumer<String> ignored) {
                return Stream.empty();
            }

            @Override
            public InputStream open(SourceFile file) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void finish(SourceFile file, AfterLoad after) {
            }
        };

        assertThatThrownBy(() -> engine().run(new LoadJob(local, LoadRules.defaults(), AfterLoad.KEEP, LoadListener.NONE)))
                .isInstanceOf(LoanEtlException.class)
                .hasMessageContaining("cannot be shipped");
    }

    private SparkLoadEngine engine() {
        return new SparkLoadEngine(spark, target);
    }

    private LoadJob job(AfterLoad after, LoadListener listener) {
        HadoopLoanFileSource source = new HadoopLoanFileSource(List.of(in.toString()), null, Map.of(), S3Scheme.AUTO);
        return new LoadJob(source, LoadRules.defaults(), after, listener);
    }

    private void write(String name, LoanCsv csv) throws IOException {
        Files.write(in.resolve(name), csv.bytes());
    }

    /** A source whose listing fails on an unreadable folder after the files of the source it wraps; shippable. */
    private record FailingListing(HadoopLoanFileSource source, String folder) implements LoanFileSource, Serializable {

        @Override
        public Stream<SourceFile> files(Consumer<String> ignored) {
            return Stream.concat(source.files(ignored), Stream.<SourceFile>generate(() -> {
                throw new UncheckedIOException(new AccessDeniedException(folder));
            }).limit(1));
        }

        @Override
        public InputStream open(SourceFile file) throws IOException {
            return source.open(file);
        }

        @Override
        public void finish(SourceFile file, AfterLoad after) throws IOException {
            source.finish(file, after);
        }
    }

    /** Hears the finished files on the driver. */
    private record Recording(List<String> finished) implements LoadListener {

        @Override
        public synchronized void finished(FileResult result) {
            finished.add(result.file().name());
        }
    }
}
