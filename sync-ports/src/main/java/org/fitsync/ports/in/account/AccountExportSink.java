package org.fitsync.ports.in.account;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fitsync.domain.coach.CoachLink;
import org.fitsync.domain.daily.DailyEntry;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.StoredRun;

/**
 * Where an export goes (a zip file); called once per run (and its original file, if it was made of
 * one), then once for each of the other parts.
 */
public interface AccountExportSink {

    /** One run and its recording (track and samples), if it has one. */
    void run(StoredRun run, Optional<RunRecording> recording);

    /**
     * The file a run was made of, as it was uploaded: {@code extension} is its format's
     * ({@code fit}, {@code gpx.gz}, ...). The stream is the caller's to close.
     */
    void original(StoredRun run, FileId file, String extension, InputStream bytes);

    /** Every day, each with its sleep records (one per device platform that recorded the night). */
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
