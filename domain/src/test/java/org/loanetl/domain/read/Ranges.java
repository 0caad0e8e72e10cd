package org.loanetl.domain.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.loanetl.domain.read.ChunkBoundaries.FirstRecord;
import org.loanetl.domain.read.ChunkBoundaries.RangeScan;
import org.loanetl.domain.read.ChunkBoundaries.RangeStart;

/** A file's bytes cut into ranges for the chunk tests: each range scanned on its own, then planned, as a load would. */
final class Ranges {

    private Ranges() {
    }

    /** The range starts: 0, then each cut that is past the one before and inside the file. */
    static List<Long> starts(byte[] bytes, long[] cuts) {
        List<Long> starts = new ArrayList<>(List.of(0L));
        for (long cut : cuts) {
            if (cut > starts.get(starts.size() - 1) && cut < bytes.length) {
                starts.add(cut);
            }
        }
        return starts;
    }

    /** Each range's parity and line, from scans of the ranges on their own. */
    static List<RangeStart> plan(byte[] bytes, List<Long> starts) throws IOException {
        List<RangeScan> scans = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i).intValue();
            int to = i + 1 < starts.size() ? starts.get(i + 1).intValue() : bytes.length;
            scans.add(RangeScan.of(new ByteArrayInputStream(bytes, from, to - from)));
        }
        return ChunkBoundaries.plan(scans);
    }

    /** The first record of the range that starts at {@code from}, found from there on. */
    static FirstRecord first(byte[] bytes, int from, RangeStart start) throws IOException {
        return ChunkBoundaries.firstRecord(from == 0 ? -1 : bytes[from - 1] & 0xff,
                new ByteArrayInputStream(bytes, from, bytes.length - from), start);
    }
}
