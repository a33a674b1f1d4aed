package org.fitsync.harness.files;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * Writes the FIT file a running watch leaves after a run: file_id, a timer start event, one record a
 * second with position, distance, altitude, heart rate and cadence, then session and activity. The
 * benchmarks need many distinct files of a realistic shape; the samples hold only three, and the FIT
 * writer of adapter-files' tests is package-private test code. Garmin's own SDK decodes these files
 * (bench/fit-decode.mjs reports their record counts, which the decode benchmark compares).
 */
final class FitRunWriter {

    /** FIT times count seconds from 1989-12-31T00:00:00Z. */
    private static final long FIT_EPOCH = 631_065_600L;

    private static final int UINT8 = 0x02;
    private static final int ENUM = 0x00;
    private static final int SINT32 = 0x85;
    private static final int UINT32 = 0x86;
    private static final int UINT16 = 0x84;
    private static final int UINT32Z = 0x8C;

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private FitRunWriter() {}

    /** A run of {@code seconds} 1 Hz records from {@code start}; different starts give different bytes. */
    static byte[] run(Instant start, int seconds) {
        return new FitRunWriter().write(start, seconds);
    }

    private byte[] write(Instant start, int seconds) {
        long t0 = start.getEpochSecond() - FIT_EPOCH;
        // file_id: type, manufacturer, product, serial_number, time_created
        definition(0, 0, 0, 1, ENUM, 1, 2, UINT16, 2, 2, UINT16, 3, 4, UINT32Z, 4, 4, UINT32);
        data(0).u(4, 1).u(1, 2).u(4006, 2).u(0x1234ABCDL, 4).u(t0, 4); // activity, garmin, a Forerunner
        // event: timestamp, event (timer), event_type (start)
        definition(1, 21, 253, 4, UINT32, 0, 1, ENUM, 1, 1, ENUM);
        data(1).u(t0, 4).u(0, 1).u(0, 1);
        // record: timestamp, lat, long, distance (cm), enhanced_altitude (scale 5, offset 500), heart rate, cadence
        definition(
                2, 20, 253, 4, UINT32, 0, 4, SINT32, 1, 4, SINT32, 5, 4, UINT32, 78, 4, UINT32, 3, 1, UINT8, 4, 1,
                UINT8);
        double metres = 0;
        for (int i = 0; i < seconds; i++) {
            double lat = 52.5 + 0.004 * Math.sin(i / 300.0);
            double lon = 13.4 + 0.006 * Math.cos(i / 300.0);
            double altitude = 40 + 8 * Math.sin(i / 120.0);
            data(2).u(t0 + i, 4)
                    .u(semicircles(lat), 4)
                    .u(semicircles(lon), 4)
                    .u(Math.round(metres * 100), 4)
                    .u(Math.round((altitude + 500) * 5), 4)
                    .u(135 + Math.round(20 * Math.sin(i / 200.0)) + i % 3, 1)
                    .u(84 + i % 4, 1);
            metres += 2.8 + 0.3 * Math.sin(i / 45.0);
        }
        long end = t0 + seconds - 1;
        long elapsedMs = (seconds - 1) * 1000L;
        // session: timestamp, start_time, total_elapsed_time, total_timer_time (ms), total_distance (cm), sport,
        // sub_sport
        definition(
                3, 18, 253, 4, UINT32, 2, 4, UINT32, 7, 4, UINT32, 8, 4, UINT32, 9, 4, UINT32, 5, 1, ENUM, 6, 1, ENUM);
        data(3).u(end, 4)
                .u(t0, 4)
                .u(elapsedMs, 4)
                .u(elapsedMs, 4)
                .u(Math.round(metres * 100), 4)
                .u(1, 1)
                .u(0, 1);
        // activity: timestamp, total_timer_time (ms), num_sessions, type (manual)
        definition(4, 34, 253, 4, UINT32, 0, 4, UINT32, 1, 2, UINT16, 2, 1, ENUM);
        data(4).u(end, 4).u(elapsedMs, 4).u(1, 2).u(0, 1);
        return framed(body.toByteArray());
    }

    private static long semicircles(double degrees) {
        return Math.round(degrees * (1L << 31) / 180);
    }

    /** A little-endian definition; {@code fields} are triples of field number, size, base type. */
    private void definition(int local, int global, int... fields) {
        body.write(0x40 | local);
        body.write(0);
        body.write(0);
        body.write(global & 0xFF);
        body.write(global >> 8);
        body.write(fields.length / 3);
        for (int value : fields) {
            body.write(value);
        }
    }

    private FitRunWriter data(int local) {
        body.write(local);
        return this;
    }

    /** {@code value}'s low {@code size} bytes, little-endian. */
    private FitRunWriter u(long value, int size) {
        for (int i = 0; i < size; i++) {
            body.write((int) (value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    private static byte[] framed(byte[] data) {
        byte[] file = new byte[14 + data.length + 2];
        file[0] = 14;
        file[1] = 0x20; // protocol 2.0
        putLe(file, 2, 2195, 2); // profile 21.95
        putLe(file, 4, data.length, 4);
        file[8] = '.';
        file[9] = 'F';
        file[10] = 'I';
        file[11] = 'T';
        putLe(file, 12, crc(file, 0, 12), 2);
        System.arraycopy(data, 0, file, 14, data.length);
        putLe(file, 14 + data.length, crc(file, 0, 14 + data.length), 2);
        return file;
    }

    private static void putLe(byte[] target, int at, long value, int size) {
        for (int i = 0; i < size; i++) {
            target[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private static final int[] CRC_TABLE = {
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
        0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400
    };

    /** The FIT CRC-16 (the decoder's own is package-private in adapter-files). */
    private static int crc(byte[] data, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            int b = data[i] & 0xFF;
            int tmp = CRC_TABLE[crc & 0xF];
            crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ CRC_TABLE[b & 0xF];
            tmp = CRC_TABLE[crc & 0xF];
            crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ CRC_TABLE[(b >> 4) & 0xF];
        }
        return crc;
    }
}
