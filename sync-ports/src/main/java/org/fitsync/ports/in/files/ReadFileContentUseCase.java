package org.fitsync.ports.in.files;

import java.io.InputStream;
import java.util.Optional;
import org.fitsync.domain.files.ActivityFile;

/** A user downloads the original bytes of one of their files. */
public interface ReadFileContentUseCase {

    /** Empty when the file is not the user's or has no bytes yet; the caller closes the stream. */
    Optional<FileContent> read(ReadFileContentQuery query);

    /** The file and its bytes, as a stream: a file is never loaded whole. */
    record FileContent(ActivityFile file, InputStream bytes) {}
}
