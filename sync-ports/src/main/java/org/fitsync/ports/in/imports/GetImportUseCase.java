package org.fitsync.ports.in.imports;

import java.util.Optional;
import org.fitsync.domain.imports.ImportJob;

/** The user looks at one import; empty when they have no such import. */
public interface GetImportUseCase {
    Optional<ImportJob> get(GetImportQuery query);
}
