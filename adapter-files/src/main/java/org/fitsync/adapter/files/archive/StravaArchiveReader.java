package org.fitsync.adapter.files.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileReading;
import org.fitsync.domain.imports.ArchiveActivity;
import org.fitsync.ports.out.files.ReadActivityFilePort;
import org.fitsync.ports.out.imports.ReadActivityArchivePort;

/**
 * Reads Strava account exports. The archive is copied once to a temporary file and read with
 * {@link ZipFile}: {@code activities.csv} may come after the activity files in the ZIP's order, and the
 * import reads activities newest first by the csv, page by page, so it needs random access by name, which a
 * single pass of a {@code ZipInputStream} cannot give. The copy is deleted when the archive is closed.
 *
 * <p>Nothing is extracted to disk. The central directory is checked against {@link ArchiveLimits} before
 * anything is read (entry count, declared sizes, compression ratio), and each entry is read through a cap
 * of its declared size, so an entry that lies about its size stops there and the import fails as unsafe.
 * Names that climb out of the archive or are absolute, and nested archives, are never read.
 */
public final class StravaArchiveReader implements ReadActivityArchivePort {

    private static final String CSV = "activities.csv";

    private final ArchiveLimits limits;
    private final ReadActivityFilePort files;

    public StravaArchiveReader(ArchiveLimits limits, ReadActivityFilePort files) {
        this.limits = limits;
        this.files = files;
    }

    @Override
    public Opening open(InputStream zip) throws IOException {
        Path copy = Files.createTempFile("fitsync-archive-", ".zip");
        boolean handedOver = false;
        try {
            if (!copy(zip, copy)) {
                return unsafe("the archive is larger than " + limits.maxArchiveBytes() + " bytes");
            }
            ZipFile file;
            try {
                file = new ZipFile(copy.toFile(), StandardCharsets.UTF_8);
            } catch (ZipException e) {
                return new Opening.Refused("archive_invalid", "the file is not a readable ZIP archive");
            }
            try {
                Opening opening = check(file, copy);
                handedOver = opening instanceof Opening.Opened;
                return opening;
            } finally {
                if (!handedOver) {
                    file.close();
                }
            }
        } finally {
            if (!handedOver) {
                Files.deleteIfExists(copy);
            }
        }
    }

    private boolean copy(InputStream zip, Path copy) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(copy)) {
            int n;
            while ((n = zip.read(buffer)) > 0) {
                total += n;
                if (total > limits.maxArchiveBytes()) {
                    return false;
                }
                out.write(buffer, 0, n);
            }
        }
        return true;
    }

    private Opening check(ZipFile file, Path copy) throws IOException {
        if (file.size() > limits.maxEntries()) {
            return unsafe("the archive has more than " + limits.maxEntries() + " entries");
        }
        Map<String, ZipEntry> readable = new HashMap<>();
        long total = 0;
        Enumeration<? extends ZipEntry> entries = file.entries();
        int count = 0;
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (++count > limits.maxEntries()) {
                return unsafe("the archive has more than " + limits.maxEntries() + " entries");
            }
            if (entry.isDirectory()) {
                continue;
            }
            long size = entry.getSize();
            if (size < 0 || size > limits.maxEntryBytes()) {
                return unsafe("an entry is larger than " + limits.maxEntryBytes() + " bytes decompressed");
            }
            total += size;
            if (total > limits.maxTotalBytes()) {
                return unsafe("the archive is larger than " + limits.maxTotalBytes() + " bytes decompressed");
            }
            long compressed = Math.max(1, entry.getCompressedSize());
            if (size > limits.ratioFloorBytes() && size / compressed > limits.maxRatio()) {
                return unsafe("an entry is compressed more than " + limits.maxRatio() + " to 1");
            }
            if (safeName(entry.getName())) {
                readable.put(entry.getName(), entry);
            }
        }
        ZipEntry csvEntry = readable.get(CSV);
        if (csvEntry == null) {
            return new Opening.Refused("archive_invalid", "the archive has no activities.csv at its root");
        }
        EntryCap cap = new EntryCap(file.getInputStream(csvEntry), csvEntry.getSize());
        ActivitiesCsv.Parsed parsed;
        try (InputStreamReader reader = new InputStreamReader(cap, StandardCharsets.UTF_8)) {
            parsed = ActivitiesCsv.parse(reader, limits.maxEntries());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // commons-csv reports a malformed quote as an IllegalStateException or UncheckedIOException.
            if (cap.exceeded()) {
                return unsafe("activities.csv is larger than it declares");
            }
            return new Opening.Refused("archive_invalid", "activities.csv is not valid CSV");
        }
        if (parsed instanceof ActivitiesCsv.Parsed.MissingColumns missing) {
            return new Opening.Refused(
                    "archive_invalid",
                    "activities.csv lacks the columns " + missing.missing()
                            + " (only exports with English column names can be read)");
        }
        List<ArchiveActivity> rows = ((ActivitiesCsv.Parsed.Rows) parsed).activities();
        return new Opening.Opened(new Opened(file, copy, Map.copyOf(readable), rows));
    }

    /** Relative, without climbing ({@code ..}) or Windows separators, and not a nested archive. */
    static boolean safeName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":")) {
            return false;
        }
        for (String part : name.split("/", -1)) {
            if (part.equals("..")) {
                return false;
            }
        }
        return !name.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    private static Opening unsafe(String detail) {
        return new Opening.Refused("archive_unsafe", detail);
    }

    private final class Opened implements ActivityArchive {
        private final ZipFile file;
        private final Path copy;
        private final Map<String, ZipEntry> entries;
        private final List<ArchiveActivity> rows;

        Opened(ZipFile file, Path copy, Map<String, ZipEntry> entries, List<ArchiveActivity> rows) {
            this.file = file;
            this.copy = copy;
            this.entries = entries;
            this.rows = List.copyOf(rows);
        }

        @Override
        public List<ArchiveActivity> activities() {
            return rows;
        }

        @Override
        public EntryReading read(String filename) throws IOException {
            ZipEntry entry = safeName(filename) ? entries.get(filename) : null;
            Optional<FileFormat> format = FileFormat.ofFilename(filename).filter(f -> f != FileFormat.ZIP);
            if (entry == null || format.isEmpty()) {
                return new EntryReading.Missing();
            }
            EntryCap cap = new EntryCap(file.getInputStream(entry), entry.getSize());
            FileReading reading;
            try (cap) {
                reading = files.read(cap, format.get());
            } catch (IOException e) {
                if (!cap.exceeded()) {
                    throw e;
                }
                reading = null;
            }
            if (cap.exceeded()) {
                return new EntryReading.Unsafe(filename + " decompresses to more than it declares");
            }
            return new EntryReading.Read(reading);
        }

        @Override
        public void close() {
            try {
                file.close();
            } catch (IOException e) {
                // Closing a read-only file: nothing is lost; the copy is deleted either way.
            }
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                copy.toFile().deleteOnExit();
            }
        }
    }
}
