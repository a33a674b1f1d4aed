package org.fitsync.application.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.fitsync.domain.UserId;
import org.fitsync.domain.privacy.PrivacySettings;
import org.fitsync.domain.privacy.PrivacyZone;
import org.fitsync.domain.privacy.ShareToken;
import org.fitsync.domain.run.EncodedPolyline;
import org.fitsync.domain.run.RunFigures;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackSimplifier;
import org.fitsync.ports.in.privacy.ShareRunUseCase;
import org.fitsync.ports.in.privacy.SharedRun;
import org.fitsync.ports.in.run.RunPage;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.privacy.PrivacySettingsPort;
import org.fitsync.ports.out.privacy.RunSharesPort;
import org.fitsync.ports.out.run.LoadRunPort;
import org.fitsync.ports.out.run.LoadTrackPort;
import org.fitsync.ports.out.run.RunIdentity;
import org.junit.jupiter.api.Test;

class PrivacyServiceTest {

    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");
    private static final Instant START = Instant.parse("2026-11-20T07:00:00Z");
    private static final double HOME_LAT = 52.52;
    private static final double HOME_LON = 13.405;
    private static final TrackSimplifier SIMPLIFIER = new TrackSimplifier(5);

    private final Store store = new Store();
    private final PrivacyService service = new PrivacyService(
            new PrivacyService.Ports(store, store, store, store, store),
            SIMPLIFIER,
            Clock.fixed(START, ZoneOffset.UTC),
            new SecureRandom());

    /** 100 points from home heading north, 20 m apart, zigzagging east so the polyline keeps them. */
    private static Track fromHome() {
        Track.Builder b = Track.builder(100);
        for (int i = 0; i < 100; i++) {
            b.add(START.toEpochMilli() + 1000L * i, HOME_LAT + i * 20 / 111_195.0, HOME_LON + (i % 2) * 0.0002);
        }
        return b.build();
    }

    private UUID storeRun(UserId user) {
        UUID id = UUID.randomUUID();
        Track track = fromHome();
        store.runs.put(
                user.value() + id,
                new StoredRun(
                        id,
                        new TimeSpan(START, START.plusSeconds(100)),
                        99,
                        1980,
                        Source.PHONE,
                        Optional.of("secret notes"),
                        Optional.empty(),
                        EncodedPolyline.encode(SIMPLIFIER.simplify(track)),
                        track.size(),
                        false,
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        START,
                        START,
                        Optional.empty(),
                        Optional.empty(),
                        RunFigures.ofMovingTime(95)));
        store.tracks.put(user.value() + id, new RunRecording(track, Optional.empty()));
        return id;
    }

    private static final PrivacySettings HOME_ZONE =
            new PrivacySettings(List.of(new PrivacyZone(HOME_LAT, HOME_LON, 500)), 0);

    @Test
    void aLinkShowsTheRedactedRunUntilItIsRevoked() {
        UUID run = storeRun(ALICE);
        service.setPrivacy(ALICE, HOME_ZONE);
        ShareToken token = service.share(ALICE, run).orElseThrow().token();
        assertThat(store.shares.get(0).hash()).isEqualTo(hex(token.hash()));

        SharedRun shared = service.view(token).orElseThrow();
        assertThat(shared.distanceM()).isEqualTo(1980);
        assertThat(shared.durationS()).isEqualTo(99);
        assertThat(shared.movingTimeS()).isEqualTo(95);
        assertThat(shared.segmentPolylines()).hasSize(1);
        assertThat(shared.polyline())
                .isNotEqualTo(store.runs.get(ALICE.value() + run).polyline());

        assertThat(service.revoke(ALICE, run)).isTrue();
        assertThat(service.view(token)).isEmpty();
        // Revoking again finds the run, though there is nothing left to revoke.
        assertThat(service.revoke(ALICE, run)).isTrue();
    }

    @Test
    void onlyTheOwnerSharesAndRevokes() {
        UUID run = storeRun(ALICE);
        assertThat(service.share(BOB, run)).isEmpty();
        assertThat(service.revoke(BOB, run)).isFalse();
        assertThat(service.share(ALICE, UUID.randomUUID())).isEmpty();
        Optional<ShareRunUseCase.IssuedShare> issued = service.share(ALICE, run);
        assertThat(service.revoke(BOB, run)).isFalse();
        assertThat(service.view(issued.orElseThrow().token())).isPresent();
    }

    @Test
    void aLinkToADeletedRunShowsNothing() {
        UUID run = storeRun(ALICE);
        ShareToken token = service.share(ALICE, run).orElseThrow().token();
        store.runs.remove(ALICE.value() + run);
        store.tracks.remove(ALICE.value() + run);
        assertThat(service.view(token)).isEmpty();
        // The deleted run's links can still be revoked.
        assertThat(service.revoke(ALICE, run)).isTrue();
    }

    @Test
    void othersSeePagesRedactedWithTheFiguresUntouched() {
        UUID run = storeRun(ALICE);
        StoredRun own = store.runs.get(ALICE.value() + run);
        RunPage page = new RunPage(List.of(own), Optional.empty());
        assertThat(service.redactedPage(ALICE, page)).isSameAs(page);

        service.setPrivacy(ALICE, HOME_ZONE);
        StoredRun seen = service.redactedPage(ALICE, page).items().get(0);
        assertThat(seen.pointCount()).isBetween(70, 76);
        assertThat(seen.polyline()).isNotEqualTo(own.polyline());
        assertThat(seen.withPolyline(own.polyline(), own.pointCount())).isEqualTo(own);

        assertThat(service.redactedRun(ALICE, run).orElseThrow().track().pointCount())
                .isEqualTo(seen.pointCount());
        assertThat(service.redactedRun(BOB, run)).isEmpty();
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** Every out-port in memory; a "transaction" just runs its work. */
    private static final class Store
            implements TransactionPort, PrivacySettingsPort, RunSharesPort, LoadRunPort, LoadTrackPort {

        private record Share(UserId user, UUID run, String hash, boolean revoked) {}

        final Map<String, StoredRun> runs = new HashMap<>();
        final Map<String, RunRecording> tracks = new HashMap<>();
        final Map<UserId, PrivacySettings> settings = new HashMap<>();
        final List<Share> shares = new ArrayList<>();

        @Override
        public <T> T inUserTransaction(UserId user, Supplier<T> work) {
            return work.get();
        }

        @Override
        public <T> T inUserSnapshot(UserId user, Supplier<T> work) {
            return work.get();
        }

        @Override
        public PrivacySettings loadPrivacy(UserId user) {
            return settings.getOrDefault(user, PrivacySettings.NONE);
        }

        @Override
        public void savePrivacy(UserId user, PrivacySettings value, Instant now) {
            settings.put(user, value);
        }

        @Override
        public void addShare(UserId user, UUID runId, byte[] tokenHash, Instant now) {
            shares.add(new Share(user, runId, hex(tokenHash), false));
        }

        @Override
        public int revokeShares(UserId user, UUID runId, Instant now) {
            int revoked = 0;
            for (int i = 0; i < shares.size(); i++) {
                Share s = shares.get(i);
                if (s.user().equals(user) && s.run().equals(runId) && !s.revoked()) {
                    shares.set(i, new Share(s.user(), s.run(), s.hash(), true));
                    revoked++;
                }
            }
            return revoked;
        }

        @Override
        public Optional<SharedRunRef> findLiveShare(byte[] tokenHash) {
            return shares.stream()
                    .filter(s -> !s.revoked() && s.hash().equals(hex(tokenHash)))
                    .findFirst()
                    .map(s -> new SharedRunRef(s.user(), s.run()));
        }

        @Override
        public Optional<StoredRun> loadRun(UserId user, UUID id) {
            return Optional.ofNullable(runs.get(user.value() + id));
        }

        @Override
        public Optional<StoredRun> loadRunByStravaId(UserId user, String stravaId) {
            return Optional.empty();
        }

        @Override
        public Optional<RunIdentity> findIdentity(UserId user, UUID id) {
            return Optional.empty();
        }

        @Override
        public Optional<RunRecording> loadTrack(UserId user, UUID id) {
            return Optional.ofNullable(tracks.get(user.value() + id));
        }
    }
}
