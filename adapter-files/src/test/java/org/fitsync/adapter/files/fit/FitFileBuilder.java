package org.fitsync.adapter.files.fit;

import java.io.ByteArrayOutputStream;

/** Writes small FIT files field by field, for cases no sample has (big-endian messages, rollovers, ...). */
final class FitFileBuilder {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean bigEndian;

    /** A definition: {@code fields} as triples of field number, size and base type. */
    FitFileBuilder definition(int local, int global, boolean bigEndian, int... fields) {
        this.bigEndian = bigEndian;
        body.write(0x40 | local);
        body.write(0);
        body.write(bigEndian ? 1 : 0);
        writeInt(global, 2);
        body.write(fields.length / 3);
        for (int value : fields) {
            body.write(value);
        }
        return this;
    }

    FitFileBuilder data(int local) {
        body.write(local);
        return this;
    }

    FitFileBuilder compressedTimestamp(int local, int offset) {
        body.write(0x80 | (local << 5) | (offset & 0x1F));
        return this;
    }

    /** A value of {@code size} bytes in the order of the last definition's architecture. */
    FitFileBuilder value(long value, int size) {
        writeInt(value, size);
        return this;
    }

    byte[] build() {
        byte[] data = body.toByteArray();
        byte[] file = new byte[14 + data.length + 2];
        file[0] = 14;
        file[1] = 0x20;
        file[2] = (byte) 0x08; // profile 21.0x
        file[3] = (byte) 0x52;
        putLe(file, 4, data.length, 4);
        file[8] = '.';
        file[9] = 'F';
        file[10] = 'I';
        file[11] = 'T';
        putLe(file, 12, FitCrc.of(file, 0, 12), 2);
        System.arraycopy(data, 0, file, 14, data.length);
        putLe(file, 14 + data.length, FitCrc.of(file, 0, 14 + data.length), 2);
        return file;
    }

    private void writeInt(long value, int size) {
        for (int i = 0; i < size; i++) {
            int shift = bigEndian ? 8 * (size - 1 - i) : 8 * i;
            body.write((int) (value >>> shift) & 0xFF);
        }
    }

    private static void putLe(byte[] target, int at, long value, int size) {
        for (int i = 0; i < size; i++) {
            target[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
