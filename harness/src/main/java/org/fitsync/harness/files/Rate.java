package org.fitsync.harness.files;

/** Decoding done in some seconds: files decoded, their bytes, and the records they held. */
record Rate(long decodes, long bytes, double seconds, long records) {

    static final Rate ZERO = new Rate(0, 0, 0, 0);

    Rate plus(Rate other) {
        return new Rate(decodes + other.decodes, bytes + other.bytes, seconds + other.seconds, records + other.records);
    }

    double megabytesPerSecond() {
        return bytes / 1e6 / seconds;
    }
}
