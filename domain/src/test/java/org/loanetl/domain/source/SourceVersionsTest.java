package org.loanetl.domain.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The version formats every source writes: the ledger's key depends on them staying exactly these. */
class SourceVersionsTest {

    @Test
    void hashesContentAsSha256InLowerCaseHex() throws IOException {
        String version = SourceVersions.contentHash(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));

        assertThat(version).isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void writesAnS3ObjectsEtagWithoutQuotesAndItsSize() {
        assertThat(SourceVersions.s3Object("\"9b2cf535f27731c974343645a3985328\"", 4096))
                .isEqualTo("s3-etag:9b2cf535f27731c974343645a3985328:4096")
                .startsWith(SourceVersions.S3_ETAG);
    }
}
