package org.fitsync.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web app as a runner uses it, in headless Chromium against the packaged jar. */
class WebAppBrowserTest extends BrowserTest {

    private static final int RUNS = 120;
    private static final Instant TRACK_RUN_START =
            Instant.parse("2026-06-01T06:30:00Z").plus(Duration.ofDays(RUNS - 1));

    private static RunningFitSync fitsync;
    private static String aliceToken;
    private static String trackRunId;

    @BeforeAll
    static void startServerWithRuns() throws Exception {
        fitsync = RunningFitSync.start();
        aliceToken = fitsync.token("alice");
        for (int i = 0; i < RUNS - 1; i++) {
            fitsync.call(aliceToken, "POST", "/api/v1/runs", SeededRuns.plain(i));
        }
        trackRunId = fitsync.call(aliceToken, "POST", "/api/v1/runs", SeededRuns.withTrack(TRACK_RUN_START))
                .get("id")
                .asText();
    }

    @AfterAll
    static void stopServer() {
        if (fitsync != null) {
            fitsync.close();
        }
    }

    @Test
    void a_sign_in_link_opens_the_run_list_and_leaves_no_secret_in_the_address_bar() throws Exception {
        browser.get(fitsync.url("/app/"));
        AppPage.awaitHeading(browser, "Sign in to FitSync");
        Chromium.screenshot(browser, "sign-in");
        AppPage.assertNoSeriousAccessibilityViolations(browser, "sign-in page");

        browser.get(fitsync.signInLink("alice"));
        AppPage.awaitHeading(browser, "Your runs");
        assertThat(browser.getCurrentUrl()).isEqualTo(fitsync.url("/app/")).doesNotContain("link");
        assertThat(browser.findElement(By.id("nav")).getText()).contains("alice");
    }

    @Test
    void a_used_sign_in_link_shows_the_servers_problem() throws Exception {
        String link = fitsync.signInLink("alice");
        browser.get(link);
        AppPage.awaitHeading(browser, "Your runs");
        browser.executeScript("sessionStorage.clear()");

        browser.get(link);
        AppPage.awaitHeading(browser, "Sign in to FitSync");
        JsonNode problem = fitsync.exchangeSignInLink(link);
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        String notice = AppPage.awaitNotice(browser);
        assertThat(notice)
                .contains(problem.get("title").asText())
                .contains(problem.get("detail").asText());
    }

    @Test
    void the_run_list_pages_through_every_run_once_newest_first() throws Exception {
        signIn("alice");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver ->
                        !driver.findElements(By.cssSelector("#run-list li")).isEmpty());
        Chromium.screenshot(browser, "runs");
        List<String> shown = new ArrayList<>();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(driver -> {
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, document.body.scrollHeight)");
            return "end"
                    .equals(driver.findElement(By.cssSelector(".list-status")).getDomAttribute("data-state"));
        });
        for (WebElement item : browser.findElements(By.cssSelector("#run-list li"))) {
            shown.add(item.getDomAttribute("data-run-id"));
        }

        assertThat(shown).hasSize(RUNS).doesNotHaveDuplicates();
        assertThat(shown).isEqualTo(apiRunIds(aliceToken));
        assertThat(shown.get(0)).isEqualTo(trackRunId);
        AppPage.assertNoSeriousAccessibilityViolations(browser, "run list");
    }

    @Test
    void a_run_page_draws_every_point_of_the_route_and_charts_of_pace_elevation_and_heart_rate() throws Exception {
        signIn("alice");
        browser.get(fitsync.url("/app/runs/" + trackRunId));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        WebElement route =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#run-map path.route")));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#run-charts figure canvas"), 3));

        JsonNode run = fitsync.call(aliceToken, "GET", "/api/v1/runs/" + trackRunId, null);
        int drawn = pathPoints(route.getDomAttribute("d"));
        assertThat(drawn)
                .isEqualTo(Polyline.pointCount(run.get("polyline").asText()))
                .isGreaterThan(20);
        for (String chart : List.of("pace", "elevation", "heart-rate")) {
            assertThat(browser.findElements(By.cssSelector("figure[data-chart='" + chart + "'] canvas")))
                    .as(chart)
                    .hasSize(1);
        }
        assertThat(browser.findElement(By.cssSelector("figure[data-chart='heart-rate']"))
                        .getText())
                .contains("120 bpm")
                .contains("164 bpm");
        Chromium.screenshot(browser, "run");
        AppPage.assertNoSeriousAccessibilityViolations(browser, "run page");
    }

    @Test
    void totals_by_year_and_personal_records_match_the_api() throws Exception {
        signIn("alice");
        browser.get(fitsync.url("/app/stats?period=year"));
        AppPage.awaitHeading(browser, "Totals and records");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("records")));

        List<WebElement> years = browser.findElements(By.cssSelector("table.totals tbody tr"));
        assertThat(years).hasSize(1);
        assertThat(years.get(0).findElements(By.tagName("td")).get(0).getText()).isEqualTo(String.valueOf(RUNS));
        assertThat(browser.findElements(By.cssSelector("#stats-bars .bar"))).hasSize(1);
        JsonNode records = fitsync.call(aliceToken, "GET", "/api/v1/records", null);
        assertThat(browser.findElements(By.cssSelector("#records tbody tr")))
                .hasSize(records.get("best_efforts").size())
                .isNotEmpty();
        Chromium.screenshot(browser, "stats");
        AppPage.assertNoSeriousAccessibilityViolations(browser, "totals page");
    }

    @Test
    void an_operator_sees_the_nodes_health_pool_and_sync_traffic_from_its_own_metrics() throws Exception {
        for (int i = 0; i < 3; i++) {
            fitsync.call(aliceToken, "GET", "/api/v1/sync?last_pulled_at=null", null);
        }
        browser.get(fitsync.signInLink("olga", "admin"));
        AppPage.awaitHeading(browser, "Your runs");
        browser.findElement(By.linkText("Operator")).click();
        AppPage.awaitHeading(browser, "This node");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // The rate needs two readings of the counters: it appears after the first refresh.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("op-sync-rate")));

        assertThat(browser.findElement(By.id("op-ready")).getText()).isEqualTo("Yes");
        assertThat(Integer.parseInt(browser.findElement(By.id("op-sync-total")).getText()))
                .isGreaterThanOrEqualTo(3);
        assertThat(Integer.parseInt(browser.findElement(By.id("op-pool-active")).getText()))
                .isNotNegative();
        assertThat(browser.findElement(By.id("op-5xx")).getText()).isEqualTo("0");
        Chromium.screenshot(browser, "operator");
        AppPage.assertNoSeriousAccessibilityViolations(browser, "operator page");
    }

    @Test
    void a_public_link_shows_the_route_without_the_private_places_set_in_the_app() throws Exception {
        signIn("carla");
        String carlaToken = fitsync.token("carla");
        String runId = fitsync.call(carlaToken, "POST", "/api/v1/runs", SeededRuns.withTrack(TRACK_RUN_START))
                .get("id")
                .asText();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.findElement(By.linkText("Privacy")).click();
        AppPage.awaitHeading(browser, "Privacy");
        browser.findElement(By.xpath("//button[text()='Add a place']")).click();
        // A place on the loop's north side, a quarter of the way round: the route passes through it.
        browser.findElement(By.cssSelector("#privacy-zones li:last-child input[name=lat]"))
                .sendKeys("52.5319");
        browser.findElement(By.cssSelector("#privacy-zones li:last-child input[name=lon]"))
                .sendKeys("13.405");
        browser.findElement(By.cssSelector("form.privacy button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("form.privacy .saved"), "Saved."));
        JsonNode privacy = fitsync.call(carlaToken, "GET", "/api/v1/privacy", null);
        assertThat(privacy.get("zones")).hasSize(1);
        assertThat(privacy.get("zones").get(0).get("radius_m").asInt()).isEqualTo(300);
        AppPage.assertNoSeriousAccessibilityViolations(browser, "privacy page");

        browser.get(fitsync.url("/app/runs/" + runId));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("share-create")))
                .click();
        String shared = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("share-url")))
                .getText();
        assertThat(shared).startsWith(fitsync.url("/app/shared/"));

        browser.executeScript("sessionStorage.clear()");
        browser.get(shared);
        WebElement route =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#run-map path.route")));
        JsonNode publicView = fitsync.call(
                carlaToken, "GET", "/api/v1/shared/" + shared.substring(shared.lastIndexOf('/') + 1), null);
        int parts = publicView.get("polylines").size();
        int points = 0;
        for (JsonNode part : publicView.get("polylines")) {
            points += Polyline.pointCount(part.asText());
        }
        assertThat(parts).isGreaterThan(1);
        assertThat(route.getDomAttribute("d").split("M").length - 1).isEqualTo(parts);
        assertThat(pathPoints(route.getDomAttribute("d"))).isEqualTo(points);
        assertThat(browser.findElement(By.id("nav")).getText()).doesNotContain("carla");
        Chromium.screenshot(browser, "shared");
        AppPage.assertNoSeriousAccessibilityViolations(browser, "shared run page");
    }

    @Test
    void edited_notes_are_kept() throws Exception {
        signIn("alice");
        browser.get(fitsync.url("/app/runs/" + trackRunId));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        WebElement notes = wait.until(ExpectedConditions.elementToBeClickable(By.id("run-notes")));
        String text = "Tempo loop, windy on the east side " + UUID.randomUUID();
        notes.clear();
        notes.sendKeys(text);
        browser.findElement(By.cssSelector("form.notes button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("form.notes .saved"), "Saved."));

        assertThat(fitsync.call(aliceToken, "GET", "/api/v1/runs/" + trackRunId, null)
                        .get("notes")
                        .asText())
                .isEqualTo(text);
        browser.navigate().refresh();
        wait.until(driver -> text.equals(driver.findElement(By.id("run-notes")).getDomProperty("value")));
    }

    @Test
    void a_run_that_does_not_exist_shows_the_problem_instead_of_a_blank_page() throws Exception {
        signIn("alice");
        String missing = "/api/v1/runs/" + UUID.randomUUID();
        browser.get(fitsync.url(missing.replace("/api/v1/", "/app/")));
        JsonNode problem = fitsync.problem(aliceToken, missing);
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(AppPage.awaitNotice(browser))
                .contains(problem.get("title").asText())
                .contains(problem.get("detail").asText());
    }

    @Test
    void at_a_phones_width_nothing_overflows_sideways() throws Exception {
        Chromium.phoneWidth(browser);
        signIn("alice");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver ->
                        !driver.findElements(By.cssSelector("#run-list li")).isEmpty());
        AppPage.assertNoSidewaysScroll(browser);
        browser.get(fitsync.url("/app/runs/" + trackRunId));
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#run-map path.route")));
        AppPage.assertNoSidewaysScroll(browser);
        Chromium.screenshot(browser, "run-phone");
    }

    private void signIn(String user) throws Exception {
        browser.get(fitsync.signInLink(user));
        AppPage.awaitHeading(browser, "Your runs");
    }

    private static List<String> apiRunIds(String token) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = fitsync.call(
                    token, "GET", "/api/v1/runs?limit=200" + (cursor == null ? "" : "&cursor=" + cursor), null);
            page.get("items").forEach(item -> ids.add(item.get("id").asText()));
            cursor = page.get("next_cursor").isNull()
                    ? null
                    : page.get("next_cursor").asText();
        } while (cursor != null);
        return ids;
    }

    /** Points in an SVG path as Leaflet writes it: {@code M x y} then {@code L x y} per further point. */
    private static int pathPoints(String d) {
        Matcher commands = Pattern.compile("[ML]").matcher(d);
        int count = 0;
        while (commands.find()) {
            count++;
        }
        return count;
    }
}
