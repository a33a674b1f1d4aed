package org.fitsync.adapter.http.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.fitsync.domain.run.PageKey;
import org.junit.jupiter.api.Test;

class PageCursorsTest {

    private final byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final PageCursors cursors = new PageCursors(key);
    private final PageKey position = new PageKey(Instant.parse("2026-11-20T07:00:00.123456Z"), UUID.randomUUID());

    @Test
    void roundTripsForTheSameQuery() {
        String cursor = cursors.encode(position, "alice|||false");
        assertThat(cursors.decode(cursor, "alice|||false")).contains(position);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void everyFlippedBitIsDetected() {
        byte[] raw = Base64.getUrlDecoder().decode(cursors.encode(position, "q"));
        for (int bit = 0; bit < raw.length * 8; bit++) {
            byte[] tampered = Arrays.copyOf(raw, raw.length);
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThat(cursors.decode(forged, "q")).as("bit %d", bit).isEmpty();
        }
    }

    @Test
    void refusesOtherQueriesOtherKeysAndGarbage() {
        String cursor = cursors.encode(position, "alice|||false");
        assertThat(cursors.decode(cursor, "alice|||true")).isEmpty();
        assertThat(cursors.decode(cursor, "bob|||false")).isEmpty();
        assertThat(new PageCursors("another-key-another-key-another-k".getBytes(StandardCharsets.UTF_8))
                        .decode(cursor, "alice|||false"))
                .isEmpty();
        assertThat(cursors.decode("", "q")).isEmpty();
        assertThat(cursors.decode("!!!", "q")).isEmpty();
        assertThat(cursors.decode(cursor + "AA", "alice|||false")).isEmpty();
        assertThat(cursors.decode(cursor.substring(1), "alice|||false")).isEmpty();
    }

    @Test
    void needsAKeyOfAtLeast32Bytes() {
        assertThatThrownBy(() -> new PageCursors(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
