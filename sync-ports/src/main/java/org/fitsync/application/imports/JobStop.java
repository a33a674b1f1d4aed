package org.fitsync.application.imports;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a claimed job is no longer this node's (cancelled, or taken over). The heartbeat and the
 * job's change events stop it; stopping also runs the interruption the current batch of provider
 * calls registered, so a cancelled import makes no further request to the provider.
 */
final class JobStop {

    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicReference<Runnable> interruption = new AtomicReference<>(JobStop::nothing);

    boolean isStopped() {
        return stopped.get();
    }

    void stop() {
        stopped.set(true);
        interruption.get().run();
    }

    /** {@code interrupt} runs when the job stops (at once if it already has), until {@link #clear}. */
    void onStop(Runnable interrupt) {
        interruption.set(interrupt);
        if (stopped.get()) {
            interrupt.run();
        }
    }

    void clear() {
        interruption.set(JobStop::nothing);
    }

    private static void nothing() {}
}
