package org.fitsync.ports.out.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.fitsync.domain.files.FileReading;
import org.fitsync.domain.imports.ArchiveActivity;

/**
 * Opens a Strava account export (a ZIP with {@code activities.csv} and {@code activities/*}) within safety
 * limits: too many entries, entries or a whole too large when decompressed, or compressed suspiciously well
 * are refused; entry names that climb out of the archive ({@code ../}) and nested archives are never read.
 */
public interface ReadActivityArchivePort {

    /** Reads {@code zip} once (the caller closes it); an {@link Opening.Opened} archive must be closed. */
    Opening open(InputStream zip) throws IOException;

    sealed interface Opening {
        record Opened(ActivityArchive archive) implements Opening {}

        /**
         * Never importable: {@code type} is {@code archive_unsafe} (a safety limit) or {@code archive_invalid}
         * (not a ZIP, no {@code activities.csv}, or one without the columns FitSync needs).
         */
        record Refused(String type, String detail) implements Opening {}
    }

    /** An opened archive: its activities (as {@code activities.csv} lists them) and their files. */
    interface ActivityArchive extends AutoCloseable {

        List<ArchiveActivity> activities();

        /** Reads the activity file the csv names; safe to call from several threads. */
        EntryReading read(String filename) throws IOException;

        @Override
        void close();
    }

    sealed interface EntryReading {
        /** The entry was there and was read (or found unreadable, which is the reader's answer). */
        record Read(FileReading reading) implements EntryReading {}

        /** No such entry, or a name that is never read (outside the archive, a nested archive). */
        record Missing() implements EntryReading {}

        /** The entry broke a safety limit while it was read (it decompressed to more than it declared). */
        record Unsafe(String detail) implements EntryReading {}
    }
}
