package org.fitsync.ports.out.files;

import java.io.IOException;
import java.io.InputStream;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileReading;

/**
 * Reads one activity file (FIT, GPX or TCX, each optionally gzip-compressed: the reader recognises gzip
 * by its magic bytes). Hostile input (truncated or corrupt files, XML entities, decompression bombs) is
 * answered {@link FileReading.Unreadable}, in bounded memory, never by an exception.
 */
public interface ReadActivityFilePort {

    /** {@code format} is FIT, GPX or TCX; an archive's entries are read one by one through this. */
    FileReading read(InputStream bytes, FileFormat format) throws IOException;
}
