package org.fitsync.app.wiring;

import java.io.InputStream;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileReading;
import org.fitsync.ports.out.files.ReadActivityFilePort;

/**
 * PLACEHOLDER until the lead merges {@code adapter-files}: answers every file {@code unsupported}, so the
 * files flow runs end to end (a file ends {@code failed}) without a reader. The merge replaces this
 * class with the real reader in {@link FilesWiring}.
 */
final class NoActivityFileReader implements ReadActivityFilePort {

    @Override
    public FileReading read(InputStream bytes, FileFormat format) {
        return new FileReading.Unreadable("unsupported", "This server cannot read " + format.wireName() + " files yet");
    }
}
