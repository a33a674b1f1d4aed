package org.fitsync.adapter.http.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.fitsync.adapter.http.Json;
import org.junit.jupiter.api.Test;

class WebAppPageTest {

    private final WebAppAssets assets = WebAppAssets.load(getClass().getClassLoader());
    private final WebAppSettings settings =
            new WebAppSettings("https://{s}.tiles.example.org/{z}/{x}/{y}.png", "&copy; Example", true);

    @Test
    void every_file_is_served_under_a_name_carrying_its_content_hash() {
        assertThat(assets.hashedNames()).containsKeys("app.js", "style.css", "views/runs.js", "vendor/leaflet.js");
        assets.hashedNames().forEach((name, hashed) -> {
            assertThat(hashed)
                    .matches(Pattern.quote(name.substring(0, name.lastIndexOf('.'))) + "\\.[0-9a-f]{12}"
                            + Pattern.quote(name.substring(name.lastIndexOf('.'))));
            assertThat(assets.isHashed(hashed)).isTrue();
            assertThat(assets.isHashed(name)).isFalse();
            assertThat(assets.find(hashed)).containsSame(assets.find(name).orElseThrow());
        });
    }

    @Test
    void gzipped_bytes_are_the_plain_bytes() throws IOException {
        WebAppAssets.Asset style = assets.find("style.css").orElseThrow();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(style.gzipped()))) {
            assertThat(in.readAllBytes()).isEqualTo(style.plain());
        }
        assertThat(style.compressedSize()).isLessThan(style.plain().length);
    }

    @Test
    void the_page_names_hashed_files_maps_every_module_and_allows_only_its_own_import_map() {
        WebAppPage page = WebAppPage.render(assets, settings, Json.newMapper());
        String html = new String(page.page().plain(), StandardCharsets.UTF_8);

        assertThat(html)
                .doesNotContain("{{")
                .contains("/app/assets/" + assets.hashedNames().get("app.js"))
                .contains("\"/app/assets/views/run.js\":\"/app/assets/"
                        + assets.hashedNames().get("views/run.js") + "\"")
                .contains("\"tile_url\":\"https://{s}.tiles.example.org/{z}/{x}/{y}.png\"")
                .contains("\"sign_in_links\":true");
        Matcher importMap =
                Pattern.compile("<script type=\"importmap\">(.*?)</script>").matcher(html);
        assertThat(importMap.find()).isTrue();
        String hash = WebAppAssets.sha256Base64(importMap.group(1).getBytes(StandardCharsets.UTF_8));
        assertThat(page.contentSecurityPolicy())
                .contains("script-src 'self' 'sha256-" + hash + "';")
                .contains("img-src 'self' data: https://*.tiles.example.org;")
                .contains("connect-src 'self';")
                .contains("frame-ancestors 'none'");
    }

    @Test
    void an_identity_provider_and_an_object_store_are_the_only_other_places_the_page_may_connect_to() {
        WebAppSettings withBoth = new WebAppSettings(
                WebAppSettings.OPENSTREETMAP_TILES,
                WebAppSettings.OPENSTREETMAP_ATTRIBUTION,
                false,
                java.util.Optional.of(new WebAppSettings.Oidc(
                        java.net.URI.create("https://login.example.org:8443/realms/fitsync"), "fitsync-web", "openid")),
                java.util.List.of(java.net.URI.create("https://files.s3.eu-central-1.amazonaws.com")));
        WebAppPage page = WebAppPage.render(assets, withBoth, Json.newMapper());
        assertThat(page.contentSecurityPolicy())
                .contains(
                        "connect-src 'self' https://login.example.org:8443 https://files.s3.eu-central-1.amazonaws.com;");
        assertThat(new String(page.page().plain(), StandardCharsets.UTF_8))
                .contains(
                        "\"oidc\":{\"issuer\":\"https://login.example.org:8443/realms/fitsync\",\"client_id\":\"fitsync-web\"");
    }

    @Test
    void settings_refuse_a_tile_url_that_is_no_template() {
        assertThat(WebAppSettings.isTileTemplate(WebAppSettings.OPENSTREETMAP_TILES))
                .isTrue();
        assertThat(WebAppSettings.isTileTemplate("https://tiles.example.org/map.png"))
                .isFalse();
        assertThat(WebAppSettings.isTileTemplate("file:///{z}/{x}/{y}.png")).isFalse();
        assertThatThrownBy(() -> new WebAppSettings("javascript:{z}{x}{y}", "", false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
