package org.fitsync.ports.out.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.fitsync.domain.files.BlobKey;

/** Opens stored bytes for reading as a stream (the caller closes it); empty when nothing is stored. */
public interface OpenBlobPort {

    Optional<InputStream> open(BlobKey key) throws IOException;
}
