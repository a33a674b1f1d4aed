package org.fitsync.ports.in.files;

import java.util.Optional;
import org.fitsync.domain.files.ActivityFile;

/** A user looks at one of their files: its state and what it became. */
public interface GetFileUseCase {

    Optional<ActivityFile> get(GetFileQuery query);
}
