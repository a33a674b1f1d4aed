package org.fitsync.adapter.files.fit;

/**
 * Reads one value of a FIT base type. Each base type reserves one value as "invalid" (no data), which is
 * answered {@link Double#NaN}, as is a field too short for its type or of a type this reader does not know.
 */
final class FitBaseType {

    private FitBaseType() {}

    static double read(byte[] data, int offset, int fieldSize, int baseTypeByte, boolean bigEndian) {
        int type = baseTypeByte & 0x1F;
        int width = width(type);
        if (width <= 0 || fieldSize < width) {
            return Double.NaN;
        }
        long raw = 0;
        for (int i = 0; i < width; i++) {
            int index = bigEndian ? offset + i : offset + width - 1 - i;
            raw = (raw << 8) | (data[index] & 0xFFL);
        }
        return switch (type) {
            case 0, 2, 13 -> raw == 0xFFL ? Double.NaN : raw; // enum, uint8, byte
            case 1 -> raw == 0x7FL ? Double.NaN : (byte) raw;
            case 3 -> raw == 0x7FFFL ? Double.NaN : (short) raw;
            case 4 -> raw == 0xFFFFL ? Double.NaN : raw;
            case 5 -> raw == 0x7FFF_FFFFL ? Double.NaN : (int) raw;
            case 6 -> raw == 0xFFFF_FFFFL ? Double.NaN : raw;
            case 8 -> raw == 0xFFFF_FFFFL ? Double.NaN : finite(Float.intBitsToFloat((int) raw));
            case 9 -> raw == -1L ? Double.NaN : finite(Double.longBitsToDouble(raw));
            case 10, 11, 12, 16 -> raw == 0 ? Double.NaN : unsigned(raw); // the "z" types: 0 is invalid
            case 14 -> raw == Long.MAX_VALUE ? Double.NaN : raw;
            case 15 -> raw == -1L ? Double.NaN : unsigned(raw);
            default -> Double.NaN;
        };
    }

    /** Bytes per value; 0 for strings and unknown types, which this reader never needs as numbers. */
    private static int width(int type) {
        return switch (type) {
            case 0, 1, 2, 10, 13 -> 1;
            case 3, 4, 11 -> 2;
            case 5, 6, 8, 12 -> 4;
            case 9, 14, 15, 16 -> 8;
            default -> 0;
        };
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : Double.NaN;
    }

    private static double unsigned(long raw) {
        return raw >= 0 ? raw : Math.scalb((double) (raw >>> 1), 1);
    }
}
