package org.loanetl.app.report;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.loanetl.domain.load.FileResult;
import org.loanetl.domain.load.LoadListener;
import org.loanetl.domain.model.SourceFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how a load goes: on a terminal, a progress bar of bytes read against the size of the files started so far;
 * elsewhere (CI, cron, a pipe), one log line per file as it ends.
 */
public final class Progress implements LoadListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final ProgressBar bar;
    private final AtomicLong total = new AtomicLong();

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar on {@code err} when it is a terminal, log lines otherwise. */
    public static Progress forConsole(PrintStream err, boolean terminal) {
        if (!terminal) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("loading")
                .setInitialMax(0)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" MiB", 1 << 20)
                .showSpeed()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
                .build();
        return new Progress(bar);
    }

    @Override
    public void started(SourceFile file) {
        if (bar != null && file.size() > 0) {
            bar.maxHint(total.addAndGet(file.size()));
        }
    }

    @Override
    public void read(SourceFile file, long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void finished(FileResult result) {
        if (bar != null) {
            bar.setExtraMessage(result.file().name());
            return;
        }
        var c = result.counts();
        String line = result.file().name() + ": " + result.status().label()
                + (result.reason() == null ? "" : " (" + result.reason() + ")")
                + ": " + Grouped.digits(c.dataRows()) + " data rows, " + Grouped.digits(c.loaded()) + " loaded, "
                + Grouped.digits(c.filtered()) + " filtered, " + Grouped.digits(c.rejected()) + " rejected";
        LOG.info(ControlCharacters.escape(line));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
