package org.fitsync.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.fitsync.app.config.Environment;
import org.fitsync.app.config.FitSyncConfig;
import org.junit.jupiter.api.Test;

class WebAppWiringTest {

    private static FitSyncConfig config(Map<String, String> env) {
        return FitSyncConfig.from(new Environment(env));
    }

    @Test
    void uploads_to_this_server_need_no_other_origin() {
        assertThat(WebAppWiring.uploadOrigins(config(Map.of()).files())).isEmpty();
    }

    @Test
    void uploads_straight_to_s3_name_the_buckets_origins_or_the_configured_endpoint() {
        assertThat(WebAppWiring.uploadOrigins(config(Map.of(
                                "FITSYNC_FILES_STORE", "s3",
                                "FITSYNC_S3_BUCKET", "fitsync-files",
                                "FITSYNC_S3_REGION", "eu-central-1"))
                        .files()))
                .containsExactly(
                        URI.create("https://fitsync-files.s3.eu-central-1.amazonaws.com"),
                        URI.create("https://fitsync-files.s3.amazonaws.com"));
        assertThat(WebAppWiring.uploadOrigins(config(Map.of(
                                "FITSYNC_FILES_STORE", "s3",
                                "FITSYNC_S3_BUCKET", "fitsync-files",
                                "FITSYNC_S3_ENDPOINT", "http://minio.internal:9000/"))
                        .files()))
                .containsExactly(URI.create("http://minio.internal:9000"));
    }
}
