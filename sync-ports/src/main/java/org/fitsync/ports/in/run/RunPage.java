package org.fitsync.ports.in.run;

import java.util.List;
import java.util.Optional;
import org.fitsync.domain.run.PageKey;
import org.fitsync.domain.run.StoredRun;

/** A page of runs and, when more follow, the key to continue after. */
public record RunPage(List<StoredRun> items, Optional<PageKey> next) {

    public RunPage {
        items = List.copyOf(items);
    }
}
