package org.fitsync.app.wiring;

import org.fitsync.application.imports.JobContext;
import org.fitsync.domain.imports.ImportJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Puts an import's id and user into the MDC while a thread works on it, and logs claim and release. */
final class ImportsLoggingJobContext implements JobContext {

    private static final Logger LOG = LoggerFactory.getLogger("org.fitsync.imports");

    @Override
    public Scope enter(ImportJob job) {
        MDC.put("import_id", job.id().toString());
        MDC.put("user_id", job.user().value());
        LOG.debug(
                "Working on import {} ({}, {} activities fetched so far)",
                job.id(),
                job.state().wireName(),
                job.progress().fetched());
        return () -> {
            MDC.remove("import_id");
            MDC.remove("user_id");
        };
    }
}
