package org.fitsync.adapter.files;

/**
 * The bounds within which {@link ActivityFileReader} reads a file, so that a hostile file costs at most
 * this much: {@code maxFileBytes} of (decompressed) content, {@code maxSamples} samples, XML nested at
 * most {@code maxXmlDepth} elements deep.
 */
public record ActivityFileLimits(long maxFileBytes, int maxSamples, int maxXmlDepth) {

    /** 64 MiB: a 24-hour 1 Hz FIT file is about 3 MiB, its TCX export about 40 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

    /** 200,000 samples: more than 55 hours at one sample a second. */
    public static final int DEFAULT_MAX_SAMPLES = 200_000;

    /** GPX and TCX nest about eight elements deep; anything far deeper is junk. */
    public static final int DEFAULT_MAX_XML_DEPTH = 32;

    public ActivityFileLimits {
        if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxFileBytes must be between 1 and about 2 GiB");
        }
        if (maxSamples < 1) {
            throw new IllegalArgumentException("maxSamples must be positive");
        }
        if (maxXmlDepth < 8) {
            throw new IllegalArgumentException("maxXmlDepth must be at least 8, TCX nests that deep");
        }
    }

    public static ActivityFileLimits defaults() {
        return new ActivityFileLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_SAMPLES, DEFAULT_MAX_XML_DEPTH);
    }

    public ActivityFileLimits withMaxFileBytes(long bytes) {
        return new ActivityFileLimits(bytes, maxSamples, maxXmlDepth);
    }

    public ActivityFileLimits withMaxSamples(int samples) {
        return new ActivityFileLimits(maxFileBytes, samples, maxXmlDepth);
    }
}
