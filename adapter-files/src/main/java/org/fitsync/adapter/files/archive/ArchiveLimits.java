package org.fitsync.adapter.files.archive;

/**
 * The bounds within which {@link StravaArchiveReader} reads an archive, so that a hostile ZIP costs at most
 * this much: {@code maxArchiveBytes} of temporary disk for the copy, at most {@code maxEntries} entries,
 * each at most {@code maxEntryBytes} and all together at most {@code maxTotalBytes} once decompressed, and
 * no entry larger than {@code ratioFloorBytes} compressed more than {@code maxRatio} to one (a bomb).
 */
public record ArchiveLimits(
        long maxArchiveBytes,
        int maxEntries,
        long maxEntryBytes,
        long maxTotalBytes,
        int maxRatio,
        long ratioFloorBytes) {

    public ArchiveLimits {
        if (maxArchiveBytes < 1 || maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < maxEntryBytes) {
            throw new IllegalArgumentException("invalid archive limits");
        }
        if (maxRatio < 2 || ratioFloorBytes < 0) {
            throw new IllegalArgumentException("invalid archive compression limits");
        }
    }

    /**
     * 4 GiB of archive (the files API caps uploads lower), 50,000 entries (a decade of daily activities is
     * under 4,000), 64 MiB an entry (the activity reader's own limit), 8 GiB in all, and a ratio of 100 for
     * entries over 1 MiB: activity files compress 3 to 10 times, and most are gzipped inside the ZIP.
     */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(4L << 30, 50_000, 64L << 20, 8L << 30, 100, 1L << 20);
    }

    public ArchiveLimits withMaxEntries(int entries) {
        return new ArchiveLimits(maxArchiveBytes, entries, maxEntryBytes, maxTotalBytes, maxRatio, ratioFloorBytes);
    }
}
