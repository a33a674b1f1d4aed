package org.fitsync.ports.in.account;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fitsync.domain.coach.CoachLink;
import org.fitsync.domain.daily.DailyEntry;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.StoredRun;

/** Where an export goes (a zip file); called once per run, then once for each of the other parts. */
public interface AccountExportSink {

    /** One run and its recording (track and samples), if it has one. */
    void run(StoredRun run, Optional<RunRecording> recording);

    void days(List<DailyEntry> days);

    /** The user's links to their clients, as a coach. */
    void coachLinks(List<CoachLink> links);

    /** The user's connected provider, without its tokens. */
    void integration(Optional<Integration> integration);

    record Integration(String provider, long athleteId, Set<String> scopes) {
        public Integration {
            scopes = Set.copyOf(scopes);
        }
    }
}
