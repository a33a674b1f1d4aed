package org.fitsync.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import org.fitsync.app.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The slim jar carries no PostgreSQL binaries and says so instead of failing inside the embedding library. */
class EmbeddedBinariesTest {

    @Test
    void theFullBuildBundlesThem() {
        assertThat(EmbeddedBinaries.bundled(EmbeddedBinariesTest.class.getClassLoader()))
                .isTrue();
    }

    @Test
    void withoutThemTheDatabaseUrlIsRequired() throws Exception {
        try (URLClassLoader withoutBinaries = new URLClassLoader(new URL[0], null)) {
            assertThat(EmbeddedBinaries.bundled(withoutBinaries)).isFalse();
            assertThatThrownBy(() -> EmbeddedBinaries.requireBundled(withoutBinaries))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("FITSYNC_DATABASE_URL")
                    .hasMessageContaining("fitsync-slim.jar needs an external database");
        }
    }
}
