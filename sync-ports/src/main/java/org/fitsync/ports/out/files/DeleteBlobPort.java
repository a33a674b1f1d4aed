package org.fitsync.ports.out.files;

import java.io.IOException;
import org.fitsync.domain.files.BlobKey;

/** Removes stored bytes, and any partial upload of them; removing what is not there is fine. */
public interface DeleteBlobPort {

    void delete(BlobKey key) throws IOException;
}
