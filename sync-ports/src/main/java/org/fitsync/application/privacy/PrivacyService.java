package org.fitsync.application.privacy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fitsync.domain.UserId;
import org.fitsync.domain.privacy.PrivacySettings;
import org.fitsync.domain.privacy.RedactedTrack;
import org.fitsync.domain.privacy.ShareToken;
import org.fitsync.domain.privacy.TrackRedaction;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackSimplifier;
import org.fitsync.ports.in.privacy.OthersViewUseCase;
import org.fitsync.ports.in.privacy.PrivacySettingsUseCase;
import org.fitsync.ports.in.privacy.ShareRunUseCase;
import org.fitsync.ports.in.privacy.SharedRun;
import org.fitsync.ports.in.privacy.ViewSharedRunUseCase;
import org.fitsync.ports.in.run.RunPage;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.privacy.PrivacySettingsPort;
import org.fitsync.ports.out.privacy.RunSharesPort;
import org.fitsync.ports.out.run.LoadRunPort;
import org.fitsync.ports.out.run.LoadTrackPort;

/**
 * Privacy zones and share links. Whatever leaves the owner's own view is built here from the raw track
 * and the owner's settings as they are at that moment (nothing redacted is stored, so a change of
 * settings applies to the next response). The owner's own reads never come through here.
 */
public final class PrivacyService
        implements PrivacySettingsUseCase, ShareRunUseCase, ViewSharedRunUseCase, OthersViewUseCase {

    /** The collaborators; the random generator must be cryptographically strong. */
    public record Ports(
            TransactionPort transactions,
            PrivacySettingsPort settings,
            RunSharesPort shares,
            LoadRunPort runs,
            LoadTrackPort tracks) {}

    private final Ports ports;
    private final TrackSimplifier simplifier;
    private final Clock clock;
    private final SecureRandom random;

    /** {@code simplifier}: the one stored polylines are made with, so redacted ones look alike. */
    public PrivacyService(Ports ports, TrackSimplifier simplifier, Clock clock, SecureRandom random) {
        this.ports = ports;
        this.simplifier = simplifier;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public PrivacySettings privacy(UserId user) {
        return ports.transactions().inUserSnapshot(user, () -> ports.settings().loadPrivacy(user));
    }

    @Override
    public void setPrivacy(UserId user, PrivacySettings settings) {
        ports.transactions()
                .useUserTransaction(user, () -> ports.settings().savePrivacy(user, settings, clock.instant()));
    }

    @Override
    public Optional<IssuedShare> share(UserId user, UUID runId) {
        return ports.transactions().inUserTransaction(user, () -> {
            if (ports.runs().loadRun(user, runId).isEmpty()) {
                return Optional.empty();
            }
            ShareToken token = ShareToken.generate(random);
            Instant now = clock.instant();
            ports.shares().addShare(user, runId, token.hash(), now);
            return Optional.of(new IssuedShare(token, now));
        });
    }

    @Override
    public boolean revoke(UserId user, UUID runId) {
        // A deleted run's links are revoked too (they show nothing already); only a run the user never
        // had is not found.
        return ports.transactions().inUserTransaction(user, () -> {
            int revoked = ports.shares().revokeShares(user, runId, clock.instant());
            return revoked > 0 || ports.runs().loadRun(user, runId).isPresent();
        });
    }

    @Override
    public Optional<SharedRun> view(ShareToken token) {
        Optional<RunSharesPort.SharedRunRef> ref = ports.shares().findLiveShare(token.hash());
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        UserId owner = ref.get().owner();
        return redactedRun(owner, ref.get().runId()).map(redacted -> {
            StoredRun run = redacted.run();
            return new SharedRun(
                    run.startedAt(),
                    run.distanceM(),
                    run.durationS(),
                    run.figures().movingTimeS(),
                    run.figures().elevationGainM(),
                    run.polyline(),
                    redacted.track().segmentPolylines(simplifier));
        });
    }

    @Override
    public RunPage redactedPage(UserId owner, RunPage page) {
        return ports.transactions().inUserSnapshot(owner, () -> {
            PrivacySettings settings = ports.settings().loadPrivacy(owner);
            if (settings.hidesNothing()) {
                return page;
            }
            List<StoredRun> runs = new ArrayList<>(page.items().size());
            for (StoredRun run : page.items()) {
                // A run deleted since the page was read has no track left to show.
                Track track = ports.tracks()
                        .loadTrack(owner, run.id())
                        .map(RunRecording::track)
                        .orElse(Track.EMPTY);
                runs.add(redact(run, TrackRedaction.apply(track, settings)));
            }
            return new RunPage(runs, page.next());
        });
    }

    @Override
    public Optional<RedactedRun> redactedRun(UserId owner, UUID runId) {
        return ports.transactions().inUserSnapshot(owner, () -> {
            Optional<StoredRun> run = ports.runs().loadRun(owner, runId);
            Optional<RunRecording> recording = ports.tracks().loadTrack(owner, runId);
            if (run.isEmpty() || recording.isEmpty()) {
                return Optional.empty();
            }
            PrivacySettings settings = ports.settings().loadPrivacy(owner);
            RedactedTrack track = TrackRedaction.apply(recording.get().track(), settings);
            StoredRun served = settings.hidesNothing() ? run.get() : redact(run.get(), track);
            return Optional.of(new RedactedRun(served, track, recording.get().samples()));
        });
    }

    private StoredRun redact(StoredRun run, RedactedTrack track) {
        return run.withPolyline(track.polyline(simplifier), track.pointCount());
    }
}
