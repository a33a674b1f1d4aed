package org.fitsync.domain.imports;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.FileId;

/**
 * One import of a user's activities from a provider, as stored. {@code cursor} is the checkpoint:
 * the {@code start_date} of the oldest activity processed so far, which is where listing resumes
 * (the provider lists newest first). {@code activityId} is set for a single-activity import
 * (a webhook's new or updated activity) instead of a listing. {@code file} names the uploaded
 * activity file an archive import ({@code strava_archive}) reads its activities from.
 */
public record ImportJob(
        ImportId id,
        UserId user,
        String provider,
        ImportState state,
        ImportPhase phase,
        ImportProgress progress,
        ImportRange range,
        Optional<String> activityId,
        Optional<FileId> file,
        Optional<Instant> cursor,
        Optional<Instant> resumeAt,
        Optional<ImportError> error,
        int attempts,
        Instant createdAt,
        Optional<Instant> finishedAt) {

    public ImportJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(file, "file");
    }

    public static ImportJob queued(
            ImportId id, UserId user, String provider, ImportRange range, Optional<String> activityId, Instant now) {
        return new ImportJob(
                id,
                user,
                provider,
                ImportState.QUEUED,
                ImportPhase.LISTING,
                ImportProgress.NONE,
                range,
                activityId,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                now,
                Optional.empty());
    }

    /** A whole-archive import of one of the user's uploaded files. */
    public static ImportJob queuedFromFile(ImportId id, UserId user, String provider, FileId file, Instant now) {
        ImportJob job = queued(id, user, provider, ImportRange.WHOLE_HISTORY, Optional.empty(), now);
        return new ImportJob(
                job.id,
                job.user,
                job.provider,
                job.state,
                job.phase,
                job.progress,
                job.range,
                job.activityId,
                Optional.of(file),
                job.cursor,
                job.resumeAt,
                job.error,
                job.attempts,
                job.createdAt,
                job.finishedAt);
    }

    public ImportJob withProgress(ImportProgress next, ImportPhase nextPhase, Optional<Instant> nextCursor) {
        return new ImportJob(
                id,
                user,
                provider,
                state,
                nextPhase,
                next,
                range,
                activityId,
                file,
                nextCursor,
                resumeAt,
                error,
                attempts,
                createdAt,
                finishedAt);
    }

    /** The listing bound for the next page: the checkpoint, or the requested end of the range. */
    public Optional<Instant> listBefore() {
        return cursor.isPresent() ? cursor : range.before();
    }
}
