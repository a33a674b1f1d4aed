package org.fitsync.adapter.files.fit;

/** The FIT protocol's CRC-16 (polynomial 0xA001 reflected, initial value 0), over a range of bytes. */
final class FitCrc {

    private static final int[] NIBBLE_TABLE = {
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
        0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400
    };

    private FitCrc() {}

    static int of(byte[] data, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            int b = data[i] & 0xFF;
            int tmp = NIBBLE_TABLE[crc & 0xF];
            crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ NIBBLE_TABLE[b & 0xF];
            tmp = NIBBLE_TABLE[crc & 0xF];
            crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ NIBBLE_TABLE[(b >> 4) & 0xF];
        }
        return crc;
    }
}
