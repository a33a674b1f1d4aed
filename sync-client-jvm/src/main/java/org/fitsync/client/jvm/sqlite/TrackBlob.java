package org.fitsync.client.jvm.sqlite;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.fitsync.domain.run.Track;

/**
 * A track packed column by column into bytes: a queued run may hold 200,000 points, about 6.4 MB this
 * way against some 15 MB as JSON text, and the doubles are copied bit for bit rather than printed and
 * parsed. Layout (big-endian): format byte, point count, the times, the latitudes, the longitudes, one
 * presence bit per point's elevation, then the present elevations.
 */
final class TrackBlob {

    private static final byte FORMAT = 1;

    private TrackBlob() {}

    static byte[] pack(Track track) {
        int size = track.size();
        int present = 0;
        for (int i = 0; i < size; i++) {
            if (track.hasElevation(i)) {
                present++;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + 24 * size + bitsetBytes(size) + 8 * present);
        out.put(FORMAT).putInt(size);
        for (int i = 0; i < size; i++) {
            out.putLong(track.epochMs(i));
        }
        for (int i = 0; i < size; i++) {
            out.putDouble(track.lat(i));
        }
        for (int i = 0; i < size; i++) {
            out.putDouble(track.lon(i));
        }
        byte[] bits = new byte[bitsetBytes(size)];
        for (int i = 0; i < size; i++) {
            if (track.hasElevation(i)) {
                bits[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        out.put(bits);
        for (int i = 0; i < size; i++) {
            if (track.hasElevation(i)) {
                out.putDouble(track.elevationM(i));
            }
        }
        return out.array();
    }

    static Track unpack(byte[] blob) {
        try {
            ByteBuffer in = ByteBuffer.wrap(blob);
            if (in.get() != FORMAT) {
                throw JsonText.corrupted("track", "unknown format");
            }
            int size = in.getInt();
            if (size < 0 || size > Track.MAX_POINTS) {
                throw JsonText.corrupted("track", "impossible point count " + size);
            }
            int bitsAt = 5 + 24 * size;
            int elevationsAt = bitsAt + bitsetBytes(size);
            Track.Builder track = Track.builder(size);
            for (int i = 0; i < size; i++) {
                boolean hasElevation = (blob[bitsAt + (i >>> 3)] & (1 << (i & 7))) != 0;
                long time = in.getLong(5 + 8 * i);
                double lat = in.getDouble(5 + 8 * size + 8 * i);
                double lon = in.getDouble(5 + 16 * size + 8 * i);
                if (hasElevation) {
                    track.add(time, lat, lon, in.getDouble(elevationsAt));
                    elevationsAt += 8;
                } else {
                    track.add(time, lat, lon);
                }
            }
            if (elevationsAt != blob.length) {
                throw JsonText.corrupted("track", "its length does not match its points");
            }
            return track.build();
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("the stored track is damaged: it is cut short", e);
        }
    }

    private static int bitsetBytes(int size) {
        return (size + 7) / 8;
    }
}
