package org.fitsync.adapter.http.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.adapter.http.auth.HmacSha256;
import org.fitsync.domain.run.PageKey;

/**
 * Opaque, tamper-evident history cursors: the keyset position (started_at, id) followed by an
 * HMAC-SHA256 tag (truncated to 128 bits) over the position and the query it belongs to (user,
 * filters). A cursor that was altered, forged, or replayed with other filters or by another user
 * does not verify. The position itself is not secret; the tag only makes it unforgeable.
 */
public final class PageCursors {

    private static final byte FORMAT = 1;
    private static final int POSITION_BYTES = 1 + 8 + 4 + 16;
    private static final int TAG_BYTES = 16;

    private final HmacSha256 mac;

    /** {@code key} must hold at least 32 bytes of secret material. */
    public PageCursors(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a cursor key needs at least 32 bytes");
        }
        this.mac = new HmacSha256(key);
    }

    public String encode(PageKey position, String queryContext) {
        ByteBuffer buffer = ByteBuffer.allocate(POSITION_BYTES + TAG_BYTES);
        Instant startedAt = position.startedAt();
        buffer.put(FORMAT)
                .putLong(startedAt.getEpochSecond())
                .putInt(startedAt.getNano())
                .putLong(position.id().getMostSignificantBits())
                .putLong(position.id().getLeastSignificantBits());
        byte[] body = Arrays.copyOf(buffer.array(), POSITION_BYTES);
        buffer.put(tag(body, queryContext));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** The position, or empty if the cursor is garbled, forged, or was issued for another query. */
    public Optional<PageKey> decode(String cursor, String queryContext) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != POSITION_BYTES + TAG_BYTES || raw[0] != FORMAT) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOf(raw, POSITION_BYTES);
        byte[] tag = Arrays.copyOfRange(raw, POSITION_BYTES, raw.length);
        if (!MessageDigest.isEqual(tag, tag(body, queryContext))) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(body, 1, POSITION_BYTES - 1);
        long seconds = buffer.getLong();
        int nanos = buffer.getInt();
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        return Optional.of(new PageKey(Instant.ofEpochSecond(seconds, nanos), id));
    }

    private byte[] tag(byte[] body, String queryContext) {
        return Arrays.copyOf(mac.sign(body, queryContext.getBytes(StandardCharsets.UTF_8)), TAG_BYTES);
    }
}
