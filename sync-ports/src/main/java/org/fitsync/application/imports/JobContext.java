package org.fitsync.application.imports;

import org.fitsync.domain.imports.ImportJob;

/**
 * Entered around the work for one import job, on every thread that does some of it; the app puts
 * the job's ids into the log context there, so each log line of an import names it.
 */
public interface JobContext {

    JobContext NONE = job -> () -> {};

    Scope enter(ImportJob job);

    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
