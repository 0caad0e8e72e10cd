package org.loanetl.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loanetl.domain.model.SourceFile;

class ZipMembersTest {

    @TempDir
    Path dir;

    @Test
    void saysExactlyOnceThatTheLastMemberIsDoneWhenMembersFinishTogether() throws Exception {
        Path zip = zip(64);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                ZipMembers zips = new ZipMembers();
                List<SourceFile> members = zips.members(zip, ignored -> { });
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> last = new ArrayList<>();
                for (SourceFile member : members) {
                    String name = LocalPaths.parse(member.location()).member();
                    last.add(pool.submit(() -> {
                        go.await();
                        return zips.lastMemberDone(zip, name);
                    }));
                }
                go.countDown();
                long lasts = 0;
                for (Future<Boolean> f : last) {
                    lasts += f.get() ? 1 : 0;
                }

                assertThat(lasts).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void forgetsAZipOnceItsLastMemberIsDone() throws IOException {
        Path zip = zip(2);
        ZipMembers zips = new ZipMembers();
        zips.members(zip, ignored -> { });

        assertThat(zips.lastMemberDone(zip, "m0.csv")).isFalse();
        assertThat(zips.lastMemberDone(zip, "m0.csv")).isFalse();
        assertThat(zips.lastMemberDone(zip, "m1.csv")).isTrue();
        assertThat(zips.lastMemberDone(zip, "m1.csv")).isFalse();
    }

    @Test
    void parsesOnlyAZipPathFollowedByBangSlashAsAMember() {
        assertThat(LocalPaths.parse("file:/d/a!/b.ZIP!/x/y.csv"))
                .isEqualTo(new LocalPaths.Location(Path.of("/d/a!/b.ZIP"), "x/y.csv"));
        assertThat(LocalPaths.parse("file:/d/a!/b.csv")).isEqualTo(new LocalPaths.Location(Path.of("/d/a!/b.csv"), null));
    }

    private Path zip(int members) throws IOException {
        Path file = dir.resolve("many.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < members; i++) {
                zip.putNextEntry(new ZipEntry("m" + i + ".csv"));
                zip.write(("id\n" + i + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
