package org.fitsync.ports.in.imports;

import java.util.List;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.imports.ImportId;
import org.fitsync.domain.imports.ImportJob;

/** The user's imports, newest first, and one import. */
public interface ViewImportsQuery {

    List<ImportJob> list(UserId user);

    Optional<ImportJob> find(UserId user, ImportId id);
}
