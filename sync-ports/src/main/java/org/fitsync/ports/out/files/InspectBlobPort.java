package org.fitsync.ports.out.files;

import java.io.IOException;
import java.util.Optional;
import org.fitsync.domain.files.BlobFacts;
import org.fitsync.domain.files.BlobKey;

/**
 * What the store holds for a key, if anything. With an object store the bytes never pass through
 * FitSync (the client puts them at a presigned URL), so completing an upload asks the store.
 */
public interface InspectBlobPort {

    Optional<BlobFacts> inspect(BlobKey key) throws IOException;
}
