package org.fitsync.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in to the web app with an OpenID Connect provider (a local one that speaks the real protocol:
 * discovery, authorization endpoint, token endpoint with PKCE, JWKS), the API verifying its tokens by JWKS.
 */
class OidcSignInBrowserTest extends BrowserTest {

    private static final String ISSUER_ID = "fitsync-idp";

    private static MockOAuth2Server provider;
    private static RunningFitSync fitsync;

    @BeforeAll
    static void startProviderAndServer() throws Exception {
        provider = new MockOAuth2Server();
        provider.start();
        fitsync = RunningFitSync.start(Map.of(
                "FITSYNC_JWKS_URL", provider.jwksUrl(ISSUER_ID).toString(),
                "FITSYNC_OIDC_ISSUER", provider.issuerUrl(ISSUER_ID).toString(),
                "FITSYNC_OIDC_CLIENT_ID", "fitsync-web"));
    }

    @AfterAll
    static void stop() {
        if (fitsync != null) {
            fitsync.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    void a_person_signs_in_at_the_provider_and_comes_back_signed_in_with_nothing_in_the_address_bar() throws Exception {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(
                ISSUER_ID, "olivia", "JWT", List.of("fitsync"), Map.of("roles", List.of("coach")), 3600));
        browser.get(fitsync.url("/app/"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("oidc-sign-in")))
                .click();

        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Your runs"));
        assertThat(browser.getCurrentUrl()).isEqualTo(fitsync.url("/app/"));
        assertThat(browser.findElement(By.id("nav")).getText()).contains("olivia");
        // The provider's token reached the API, which accepted it: the (empty) list loaded without a problem.
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".list-status"), "No runs in this range yet."));
        assertThat(browser.findElement(By.id("notice")).getText()).isEmpty();

        RecordedRequest authorize = requestTo("/authorize");
        assertThat(authorize.getRequestUrl().queryParameter("code_challenge_method"))
                .isEqualTo("S256");
        assertThat(authorize.getRequestUrl().queryParameter("client_id")).isEqualTo("fitsync-web");
        assertThat(authorize.getRequestUrl().queryParameter("redirect_uri"))
                .isEqualTo(fitsync.url("/app/oidc-callback"));
        RecordedRequest token = requestTo("/token");
        assertThat(token.getBody().readUtf8())
                .contains("grant_type=authorization_code")
                .contains("code_verifier=");
    }

    @Test
    void a_callback_that_this_tab_did_not_start_is_refused_with_a_message() {
        browser.get(fitsync.url("/app/oidc-callback?code=stolen&state=forged"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Sign in to FitSync"));
        String notice = wait.until(driver -> {
            String text = driver.findElement(By.id("notice")).getText();
            return text.isBlank() ? null : text;
        });
        assertThat(notice).contains("was not started here");
        assertThat(browser.getCurrentUrl()).doesNotContain("code=").doesNotContain("state=");
    }

    /** The next request the provider received on a path ending in {@code suffix}, skipping others. */
    private static RecordedRequest requestTo(String suffix) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            RecordedRequest request = provider.takeRequest(5, TimeUnit.SECONDS);
            if (request == null) {
                break;
            }
            if (request.getRequestUrl().encodedPath().endsWith(suffix)) {
                return request;
            }
        }
        throw new AssertionError("the provider saw no request to " + suffix);
    }
}
