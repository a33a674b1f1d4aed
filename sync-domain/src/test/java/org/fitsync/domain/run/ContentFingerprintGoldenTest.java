package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints are stored with every run and compared on each re-submission, so their bytes must never
 * change: these are the values the first implementation computed.
 */
class ContentFingerprintGoldenTest {

    @Test
    void aRunWithATwoPointTrackKeepsItsFingerprint() {
        assertThat(Runs.valid(Runs.draft()).fingerprint().hex()).isEqualTo(GOLDEN_SMALL);
    }

    @Test
    void aRunWhoseTrackSpansManyBuffersKeepsItsFingerprint() {
        RunDraft draft = Runs.draft();
        RunDraft long_ = new RunDraft(
                draft.id(),
                draft.startedAt(),
                draft.endedAt(),
                draft.durationS(),
                draft.distanceM(),
                draft.source(),
                Optional.empty(),
                draft.metadataJson(),
                Optional.of(new Track(Runs.line(2_700))),
                draft.stravaId(),
                draft.weatherJson());
        assertThat(Runs.valid(long_).fingerprint().hex()).isEqualTo(GOLDEN_LONG);
    }

    private static final String GOLDEN_SMALL = "86f9920a203c4ff2a2604e56521a8abad8109347abe93396028d4a9859711118";
    private static final String GOLDEN_LONG = "438c80cf71fc079831006da693dcf784b3dec7a26555a8e68323dc1a38f64d9f";
}
