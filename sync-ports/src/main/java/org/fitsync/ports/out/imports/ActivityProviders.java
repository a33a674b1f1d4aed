package org.fitsync.ports.out.imports;

import java.util.Map;
import org.fitsync.domain.imports.ImportJob;

/**
 * The provider an import job reads, chosen by the job's {@code provider}: a provider API is the same for
 * every job, an archive is opened for its job (its file) and closed when the runner is done with it.
 */
public interface ActivityProviders {

    /** The job's provider, opened; a failure (the file is gone, the archive is unsafe) ends or parks the job. */
    ProviderResult<Opened> open(ImportJob job);

    /** A provider opened for one run of one job; closing releases what it holds (a temporary copy). */
    interface Opened extends AutoCloseable {
        ActivityProvider provider();

        @Override
        void close();
    }

    /** One provider for every job. */
    static ActivityProviders always(ActivityProvider provider) {
        Opened opened = new Opened() {
            @Override
            public ActivityProvider provider() {
                return provider;
            }

            @Override
            public void close() {}
        };
        return job -> new ProviderResult.Ok<>(opened);
    }

    /** By the job's provider name; a job of a provider this node does not have fails as not found. */
    static ActivityProviders byName(Map<String, ActivityProviders> providers) {
        Map<String, ActivityProviders> known = Map.copyOf(providers);
        return job -> {
            ActivityProviders chosen = known.get(job.provider());
            return chosen == null
                    ? new ProviderResult.Refused<>("not_found", "no provider " + job.provider() + " on this node")
                    : chosen.open(job);
        };
    }
}
