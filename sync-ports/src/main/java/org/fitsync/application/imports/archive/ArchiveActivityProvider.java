package org.fitsync.application.imports.archive;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fitsync.application.files.RecordedRunDrafts;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.ActivityRecording;
import org.fitsync.domain.files.FileReading;
import org.fitsync.domain.files.RecordedSample;
import org.fitsync.domain.imports.ActivityDetails;
import org.fitsync.domain.imports.ArchiveActivity;
import org.fitsync.domain.imports.ProviderActivity;
import org.fitsync.domain.run.TrackPoint;
import org.fitsync.ports.out.imports.ActivityProvider;
import org.fitsync.ports.out.imports.ProviderResult;
import org.fitsync.ports.out.imports.ReadActivityArchivePort.ActivityArchive;
import org.fitsync.ports.out.imports.ReadActivityArchivePort.EntryReading;

/**
 * A Strava account export as an {@link ActivityProvider}: the listing is {@code activities.csv}, newest
 * first, and an activity's details are read from its file in the archive. The import runner thus gives
 * the archive progress, cancellation, resumption from the checkpoint and duplicate detection by
 * {@code strava_id}, as for the Strava API.
 *
 * <p>The checkpoint is the csv's start of the last activity processed and each page lists what started
 * strictly before it, so a page never ends between activities of the same start time: it is extended to
 * take all of them. Rows whose date cannot be read are listed last, at the epoch, and counted failed.
 */
final class ArchiveActivityProvider implements ActivityProvider {

    /** Where rows without a readable date are placed: after every real activity, listed once. */
    static final Instant UNDATED = Instant.EPOCH;

    private final ActivityArchive archive;
    private final List<ProviderActivity> newestFirst;
    private final Map<String, ArchiveActivity> rows;
    private final Clock clock;

    ArchiveActivityProvider(ActivityArchive archive, Clock clock) {
        this.archive = archive;
        this.clock = clock;
        // A repeated Activity ID keeps its first row: one activity is one run.
        this.rows = archive.activities().stream()
                .collect(Collectors.toMap(ArchiveActivity::id, Function.identity(), (first, again) -> first));
        this.newestFirst = rows.values().stream()
                .map(ArchiveActivityProvider::listed)
                .sorted(Comparator.comparing(ProviderActivity::startDate)
                        .thenComparing(ProviderActivity::id)
                        .reversed())
                .toList();
    }

    private static ProviderActivity listed(ArchiveActivity row) {
        return new ProviderActivity(
                row.id(),
                row.name(),
                row.sportType(),
                row.start().orElse(UNDATED),
                row.elapsedS(),
                row.movingS().orElse(row.elapsedS()),
                row.distanceM().orElse(0),
                Optional.empty());
    }

    @Override
    public ProviderResult<List<ProviderActivity>> listActivities(
            UserId user, Optional<Instant> before, Optional<Instant> after, int perPage) {
        List<ProviderActivity> page = new ArrayList<>();
        for (ProviderActivity activity : newestFirst) {
            Instant start = activity.startDate();
            if (before.isPresent() && !start.isBefore(before.get())) {
                continue;
            }
            if (after.isPresent() && !start.isAfter(after.get())) {
                break;
            }
            if (page.size() >= perPage
                    && !start.equals(page.get(page.size() - 1).startDate())) {
                break;
            }
            page.add(activity);
        }
        return new ProviderResult.Ok<>(page);
    }

    @Override
    public ProviderResult<List<TrackPoint>> track(UserId user, ProviderActivity activity) {
        return details(user, activity).map(ActivityDetails::track);
    }

    @Override
    public ProviderResult<ActivityDetails> details(UserId user, ProviderActivity activity) {
        ArchiveActivity row = rows.get(activity.id());
        if (row == null) {
            return new ProviderResult.NotFound<>("no such activity in the archive");
        }
        if (row.start().isEmpty()) {
            return new ProviderResult.Ok<>(
                    ActivityDetails.unusable(activity, "the Activity Date of this activity cannot be read"));
        }
        if (row.filename().isEmpty()) {
            return new ProviderResult.Ok<>(fromCsv(activity, row));
        }
        EntryReading entry;
        try {
            entry = archive.read(row.filename().get());
        } catch (IOException e) {
            // The temporary copy failed us, not the archive: try again later.
            return new ProviderResult.Unavailable<>(
                    "the archive could not be read", clock.instant().plusSeconds(30));
        }
        if (entry instanceof EntryReading.Unsafe unsafe) {
            return new ProviderResult.Refused<>("archive_unsafe", unsafe.detail());
        }
        if (entry instanceof EntryReading.Missing) {
            return new ProviderResult.Ok<>(fromCsv(activity, row));
        }
        FileReading reading = ((EntryReading.Read) entry).reading();
        if (reading instanceof FileReading.Unreadable unreadable) {
            return new ProviderResult.Ok<>(ActivityDetails.unusable(
                    activity, "its file cannot be read (" + unreadable.type() + "): " + unreadable.detail()));
        }
        return new ProviderResult.Ok<>(fromFile(activity, row, ((FileReading.Read) reading).recording()));
    }

    /**
     * An activity whose file is not in the archive (or that never had one, as one entered by hand): the
     * csv's start, elapsed and moving time and distance are what Strava itself holds of it, which is what
     * the API import stores for an activity without streams.
     */
    private static ActivityDetails fromCsv(ProviderActivity activity, ArchiveActivity row) {
        return new ActivityDetails(activity, List.of(), Optional.empty(), row.description(), Optional.empty());
    }

    /**
     * The file's own start, elapsed time (stretched to its last sample) and distance win over the csv's;
     * the csv keeps the name, the type and the moving time, which Strava knows better than the device.
     */
    private static ActivityDetails fromFile(ProviderActivity listed, ArchiveActivity row, ActivityRecording recording) {
        Instant start = recording.start().truncatedTo(ChronoUnit.MICROS);
        long elapsed = Math.max(0, recording.elapsedS());
        List<RecordedSample> samples = recording.samples();
        if (!samples.isEmpty()) {
            long lastMs = samples.get(samples.size() - 1).epochMs() - start.toEpochMilli();
            elapsed = Math.max(elapsed, (lastMs + 999) / 1000);
        }
        if (elapsed <= 0) {
            elapsed = listed.elapsedSeconds();
        }
        double distance = recording
                .distanceM()
                .orElseGet(() -> lastSampleDistance(samples).orElse(listed.distanceM()));
        ProviderActivity asRecorded = new ProviderActivity(
                listed.id(),
                listed.name(),
                listed.sportType(),
                start,
                elapsed,
                row.movingS().orElse(elapsed),
                distance,
                Optional.empty());
        return new ActivityDetails(
                asRecorded, track(samples), RecordedRunDrafts.streams(recording), row.description(), Optional.empty());
    }

    private static OptionalDouble lastSampleDistance(List<RecordedSample> samples) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).distanceM().isPresent()) {
                return samples.get(i).distanceM();
            }
        }
        return OptionalDouble.empty();
    }

    private static List<TrackPoint> track(List<RecordedSample> samples) {
        List<TrackPoint> points = new ArrayList<>();
        for (RecordedSample sample : samples) {
            if (!sample.hasPosition()) {
                continue;
            }
            double lat = sample.lat().getAsDouble();
            double lon = sample.lon().getAsDouble();
            points.add(
                    sample.elevationM().isPresent()
                            ? TrackPoint.of(
                                    sample.epochMs(),
                                    lat,
                                    lon,
                                    sample.elevationM().getAsDouble())
                            : TrackPoint.withoutElevation(sample.epochMs(), lat, lon));
        }
        return points;
    }

    @Override
    public ProviderResult<ProviderActivity> activity(UserId user, String activityId) {
        return new ProviderResult.NotFound<>("an archive import lists its activities; it fetches none by id");
    }
}
