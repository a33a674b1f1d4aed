package org.fitsync.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedPolylineTest {

    @Test
    void encodesGooglesPublishedVector() {
        String encoded = EncodedPolyline.encode(
                List.of(new LatLon(38.5, -120.2), new LatLon(40.7, -120.95), new LatLon(43.252, -126.453)));
        assertThat(encoded).isEqualTo("_p~iF~ps|U_ulLnnqC_mqNvxq`@");
    }

    @Test
    void emptyPathIsEmptyString() {
        assertThat(EncodedPolyline.encode(List.of())).isEmpty();
    }

    @Test
    void roundsToFiveDecimals() {
        assertThat(EncodedPolyline.encode(List.of(new LatLon(38.500004, -120.200004))))
                .isEqualTo(EncodedPolyline.encode(List.of(new LatLon(38.5, -120.2))));
    }
}
