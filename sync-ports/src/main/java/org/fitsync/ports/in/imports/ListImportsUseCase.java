package org.fitsync.ports.in.imports;

import java.util.List;
import org.fitsync.domain.imports.ImportJob;

/** The user looks at their imports, newest first. */
public interface ListImportsUseCase {
    List<ImportJob> list(ListImportsQuery query);
}
