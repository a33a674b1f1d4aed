package org.fitsync.ports.in.run;

import java.util.function.BooleanSupplier;

/**
 * Computes the figures and best efforts of runs stored before they existed, and brings each runner's
 * published records up to date with them. Any node may run it at any time.
 */
public interface BackfillRunFiguresUseCase {

    /** One pass over every run awaiting figures; runs of a busy or failing user wait for the next pass. */
    default FiguresBackfillReport drain() {
        return drain(() -> false);
    }

    /** The same pass, ended early between two batches once {@code stop} answers true (a node shutting down). */
    FiguresBackfillReport drain(BooleanSupplier stop);
}
