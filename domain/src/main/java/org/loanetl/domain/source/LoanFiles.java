package org.loanetl.domain.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.loanetl.domain.read.Unpacking;

/**
 * Which files are loans files, by name, in any case: {@code .csv}, {@code .csv.gz}, and the {@code .csv} members of a
 * {@code .zip}; and what every source says of the others, so that a folder, a bucket and a Hadoop path listing the
 * same files name the same ones and ignore the rest in the same words.
 */
public final class LoanFiles {

    /** The largest read buffer a source puts in front of a file: large files are read 64 KB per call. */
    public static final int MAX_READ_BUFFER = 1 << 16;
    /** The smallest: a file of a few hundred bytes still gets a buffer that reads it in one call. */
    public static final int MIN_READ_BUFFER = 1 << 12;

    private LoanFiles() {
    }

    /**
     * The read buffer for a file of {@code size} bytes: its size, within {@value #MIN_READ_BUFFER} and
     * {@value #MAX_READ_BUFFER} bytes ({@code MAX} when the size is unknown, below zero). A folder of 10,000 files of
     * 5 rows would otherwise allocate and zero a 64 KB buffer per file and per layer for 5 KB of text: gigabytes of
     * garbage for megabytes of data.
     */
    public static int readBuffer(long size) {
        return size < 0 ? MAX_READ_BUFFER : (int) Math.max(MIN_READ_BUFFER, Math.min(MAX_READ_BUFFER, size));
    }

    /** Whether the name (or location) is a zip's, whose CSV members are listed from inside it. */
    public static boolean isZip(String name) {
        return lower(name).endsWith(".zip");
    }

    /** Whether the name (or location) is a plain or gzipped CSV file's. */
    public static boolean isCsv(String name) {
        String lower = lower(name);
        return lower.endsWith(".csv") || lower.endsWith(".csv.gz");
    }

    /** Why a file that is neither is left alone: {@code where: not a loans file (.csv, .csv.gz or .zip)}. */
    public static String notALoansFile(String where) {
        return where + ": not a loans file (.csv, .csv.gz or .zip)";
    }

    /**
     * The loans files of a zip: its {@code .csv} members, in the zip's order. Folders are skipped; any other member is
     * passed to {@code ignored} as {@code <zipDisplay>!/<member>: not a loans file (.csv inside a zip)}.
     *
     * @param zipDisplay the zip as messages name it (a local zip by its plain path)
     */
    public static List<ZipDirectory.Entry> csvMembers(List<ZipDirectory.Entry> entries, String zipDisplay,
                                                     Consumer<String> ignored) {
        List<ZipDirectory.Entry> members = new ArrayList<>();
        for (ZipDirectory.Entry entry : entries) {
            if (entry.isDirectory()) {
                continue;
            }
            if (lower(entry.name()).endsWith(".csv")) {
                members.add(entry);
            } else {
                ignored.accept(MemberLocation.write(zipDisplay, entry.name()) + ": not a loans file (.csv inside a zip)");
            }
        }
        return members;
    }

    /**
     * A plain file's bytes as the load reads them: gunzipped when its name ends in {@code .gz}
     * ({@link Unpacking#gunzip}, which tells a corrupt gzip from a failing read), else as they are.
     */
    public static InputStream unpacked(String name, InputStream raw) throws IOException {
        return lower(name).endsWith(".gz") ? Unpacking.gunzip(raw) : raw;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
