package org.loanetl.app.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    private static final String TEXT = "caf\u00e9 \u00a0nbsp\tTab\nESC\u001b[2J CSI\u009b1m DEL\u007f CR\r end \u20ac";
    private static final String SHOWN = "caf\u00e9 \u00a0nbsp\tTab\nESC\\x1b[2J CSI\\u009b1m DEL\\x7f CR\\x0d end \u20ac";

    @Test
    void escapesControlCharactersInTextAndKeepsLineFeedsTabsAndOtherCharacters() {
        assertThat(ControlCharacters.escape(TEXT)).isEqualTo(SHOWN);
        assertThat(ControlCharacters.escape("plain")).isEqualTo("plain");
    }

    @Test
    void theStreamShowsWhatEscapeShowsHoweverTheBytesAreSplitIntoWrites() throws IOException {
        byte[] bytes = TEXT.getBytes(UTF_8);
        Random random = new Random(17);
        for (int trial = 0; trial < 50; trial++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            OutputStream out = ControlCharacters.escaping(sink);
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, random.nextInt(6));
                if (n == 1 && random.nextBoolean()) {
                    out.write(bytes[at]);
                } else {
                    out.write(bytes, at, n);
                }
                at += n;
            }
            out.flush();
            assertThat(sink.toString(UTF_8)).as("trial " + trial).isEqualTo(SHOWN);
        }
    }
}
