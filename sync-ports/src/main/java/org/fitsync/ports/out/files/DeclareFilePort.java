package org.fitsync.ports.out.files;

import java.util.Optional;
import org.fitsync.domain.files.ActivityFile;

/** Records a new file (in its given state) unless the user has one with its id already. */
public interface DeclareFilePort {

    /** Empty when recorded; the user's file with that id when it existed before. */
    Optional<ActivityFile> declareIfNew(ActivityFile file);
}
