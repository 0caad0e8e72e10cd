package org.loanetl.app.wiring;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.loanetl.app.config.ConfigException;
import org.loanetl.app.config.ConfigKey;
import org.loanetl.app.config.Settings;
import org.loanetl.domain.LoanEtlException;
import org.loanetl.domain.model.AfterLoad;
import org.loanetl.domain.model.FilterReason;
import org.loanetl.domain.port.LoanFileSource;
import org.loanetl.domain.rules.LoadRules;
import org.loanetl.local.LocalFolderLoanFileSource;

/** Builds what a command needs from settings; every failure names the key that caused it. */
public final class Wiring {

    private Wiring() {
    }

    /** The key that switches a filter on or off. */
    public static ConfigKey filterKey(FilterReason reason) {
        return switch (reason) {
            case CHARGED_OFF -> ConfigKey.FILTER_CHARGED_OFF;
            case PURPOSE_OTHER -> ConfigKey.FILTER_PURPOSE_OTHER;
            case LOW_CREDIT_SCORE -> ConfigKey.FILTER_LOW_CREDIT_SCORE;
        };
    }

    /** The loan rules: which filters, which score column, which minimum. */
    public static LoadRules rules(Settings settings) {
        Set<FilterReason> filters = EnumSet.noneOf(FilterReason.class);
        for (FilterReason reason : FilterReason.values()) {
            if (settings.bool(filterKey(reason))) {
                filters.add(reason);
            }
        }
        try {
            return new LoadRules(filters, settings.integer(ConfigKey.MIN_CREDIT_SCORE), settings.text(ConfigKey.CREDIT_SCORE_COLUMN));
        } catch (LoanEtlException e) {
            throw new ConfigException(settings.origin(ConfigKey.CREDIT_SCORE_COLUMN) + ": " + e.getMessage());
        }
    }

    /** What to do with files after their commit. */
    public static AfterLoad after(Settings settings) {
        return AfterLoad.valueOf(settings.text(ConfigKey.SOURCE_AFTER).trim().toUpperCase(Locale.ROOT));
    }

    /** The local files named on the command line or in {@code source.paths}. */
    public static LoanFileSource localSource(Settings settings) {
        List<String> paths = settings.list(ConfigKey.SOURCE_PATHS);
        if (paths.isEmpty()) {
            throw new ConfigException("nothing to load: name a folder or file, or set source.paths in the config file");
        }
        List<Path> roots = paths.stream().map(Wiring::localPath).toList();
        for (Path root : roots) {
            if (!root.toFile().exists()) {
                throw new ConfigException(settings.origin(ConfigKey.SOURCE_PATHS) + ": " + root + ": no such file or folder");
            }
        }
        String archive = settings.text(ConfigKey.SOURCE_ARCHIVE_DIR);
        return new LocalFolderLoanFileSource(roots, archive == null ? null : Path.of(archive));
    }

    private static Path localPath(String text) {
        if (text.startsWith("file:")) {
            return Path.of(java.net.URI.create(text.startsWith("file://") ? text : "file://" + text.substring(5)));
        }
        if (text.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new ConfigException("source " + text + ": not a local path or file: URI (S3 sources come in a later release)");
        }
        return Path.of(text);
    }

    /** The database to load into: the one configured, or the embedded one under the home folder. */
    public static Database database(Settings settings) {
        return Databases.open(settings);
    }
}
