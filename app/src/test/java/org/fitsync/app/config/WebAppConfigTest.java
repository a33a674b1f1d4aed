package org.fitsync.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.fitsync.adapter.http.webapp.WebAppSettings;
import org.junit.jupiter.api.Test;

class WebAppConfigTest {

    private static FitSyncConfig config(Map<String, String> env) {
        return FitSyncConfig.from(new Environment(env), false);
    }

    @Test
    void by_default_the_map_shows_openstreetmap_with_its_credit_and_no_provider_signs_people_in() {
        WebAppConfig webApp = config(Map.of()).webApp();
        assertThat(webApp.tileUrl()).isEqualTo(WebAppSettings.OPENSTREETMAP_TILES);
        assertThat(webApp.tileAttribution()).contains("OpenStreetMap");
        assertThat(webApp.oidc()).isEmpty();
    }

    @Test
    void another_tile_server_brings_its_own_credit_and_must_be_a_template() {
        WebAppConfig webApp = config(Map.of("FITSYNC_MAP_TILE_URL", "https://{s}.tiles.example.org/{z}/{x}/{y}.png"))
                .webApp();
        assertThat(webApp.tileAttribution()).isEmpty();
        assertThatThrownBy(() -> config(Map.of("FITSYNC_MAP_TILE_URL", "https://tiles.example.org/map.png")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FITSYNC_MAP_TILE_URL");
    }

    @Test
    void an_identity_provider_needs_its_client_id_and_the_api_verifying_its_tokens_by_jwks() {
        Map<String, String> provider = Map.of(
                "FITSYNC_OIDC_ISSUER", "https://login.example.org/realms/fitsync",
                "FITSYNC_OIDC_CLIENT_ID", "fitsync-web",
                "FITSYNC_JWKS_URL", "https://login.example.org/realms/fitsync/certs");
        WebAppSettings.Oidc oidc = config(provider).webApp().oidc().orElseThrow();
        assertThat(oidc.issuer()).isEqualTo(URI.create("https://login.example.org/realms/fitsync"));
        assertThat(oidc.clientId()).isEqualTo("fitsync-web");
        assertThat(oidc.scope()).isEqualTo("openid");

        assertThatThrownBy(() -> config(Map.of("FITSYNC_OIDC_ISSUER", "https://login.example.org/")))
                .hasMessageContaining("FITSYNC_OIDC_CLIENT_ID");
        assertThatThrownBy(() -> config(Map.of("FITSYNC_OIDC_CLIENT_ID", "fitsync-web")))
                .hasMessageContaining("FITSYNC_OIDC_ISSUER");
        assertThatThrownBy(() -> config(Map.of(
                        "FITSYNC_OIDC_ISSUER", "https://login.example.org/", "FITSYNC_OIDC_CLIENT_ID", "fitsync-web")))
                .hasMessageContaining("FITSYNC_JWKS_URL");
    }
}
