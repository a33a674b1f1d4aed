package org.fitsync.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fitsync.adapter.strava.testing.FakeActivity;
import org.fitsync.adapter.strava.testing.FakeStrava;
import org.fitsync.adapter.strava.testing.FakeStravaConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Imports page: Strava connected through the fake Strava's OAuth, imports with live progress, file uploads. */
class ImportsBrowserTest extends BrowserTest {

    /** The athlete the fake's consent page grants when the authorize URL names none. */
    private static final long ALICES_ATHLETE = 1;

    private static final long BOBS_ATHLETE = 2;
    private static final int HISTORY = 40;
    private static final Path SAMPLES = Path.of("..", "adapter-files", "src", "test", "resources", "samples");
    private static final Path EXAMPLE_GPX = Path.of("..", "docs", "examples", "morning-run.gpx");

    private static FakeStrava strava;
    private static RunningFitSync fitsync;

    @BeforeAll
    static void startServerAndFakeStrava() throws Exception {
        strava = FakeStrava.start(FakeStravaConfig.generous());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        strava.addActivities(ALICES_ATHLETE, FakeStrava.history(10_000_000L, HISTORY, now, 7));
        strava.addActivities(BOBS_ATHLETE, FakeStrava.history(20_000_000L, 120, now, 9));
        fitsync = RunningFitSync.start(Map.of(
                "FITSYNC_STRAVA_BASE_URL", strava.baseUrl().toString(),
                "FITSYNC_STRAVA_CLIENT_ID", strava.config().clientId(),
                "FITSYNC_STRAVA_CLIENT_SECRET", strava.config().clientSecret(),
                "FITSYNC_STRAVA_BACKOFF_BASE", "50ms",
                "FITSYNC_STRAVA_RETURN_URL", "{base}/app/imports",
                "FITSYNC_WEATHER", "off",
                "FITSYNC_IMPORT_POLL", "200ms",
                "FITSYNC_FILES_POLL", "200ms",
                "FITSYNC_SSE_HEARTBEAT", "5s"));
    }

    @AfterAll
    static void stop() {
        if (fitsync != null) {
            fitsync.close();
        }
        if (strava != null) {
            strava.close();
        }
    }

    @Test
    void connecting_strava_and_importing_the_history_fills_the_progress_bar_and_the_run_list() throws Exception {
        // Each activity answers a little late, so the import is seen running.
        strava.setLatency(Duration.ofMillis(40));
        try {
            signIn("alice");
            openImports();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("strava-connect")))
                    .click();
            // The fake's consent page approves at once and redirects to the callback, which returns to the page.
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p[data-connected=true]")));
            assertThat(browser.getCurrentUrl()).isEqualTo(fitsync.url("/app/imports"));
            assertThat(browser.findElement(By.id("strava-connection")).getText())
                    .contains("athlete " + ALICES_ATHLETE);

            browser.findElement(By.id("import-start")).click();
            WebElement item =
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#import-list li.import")));
            String id = item.getDomAttribute("data-import-id");
            List<Integer> seen = new ArrayList<>();
            new WebDriverWait(browser, Duration.ofMinutes(2)).until(driver -> {
                WebElement bar = driver.findElement(By.id("progress-" + id));
                seen.add(Integer.parseInt(bar.getDomAttribute("data-percent")));
                return "completed"
                        .equals(driver.findElement(By.cssSelector("li[data-import-id='" + id + "']"))
                                .getDomAttribute("data-state"));
            });

            JsonNode finished = fitsync.call(token("alice"), "GET", "/api/v1/imports/" + id, null);
            JsonNode progress = finished.get("progress");
            assertThat(finished.get("state").asText()).isEqualTo("completed");
            assertThat(progress.get("fetched").asInt()).isEqualTo(HISTORY);
            WebElement bar = browser.findElement(By.id("progress-" + id));
            assertThat(bar.getDomProperty("value")).isEqualTo(bar.getDomProperty("max"));
            assertThat(bar.getDomAttribute("data-percent")).isEqualTo("100");
            assertThat(browser.findElement(By.id("progress-label-" + id)).getText())
                    .isEqualTo(HISTORY + " of " + HISTORY + " activities");
            assertThat(browser.findElement(By.cssSelector("li[data-import-id='" + id + "'] .import-state"))
                            .getText())
                    .isEqualTo("Done");
            assertThat(browser.findElement(By.cssSelector("li[data-import-id='" + id + "'] .import-counts"))
                            .getText())
                    .startsWith(progress.get("imported").asInt() + " imported");
            assertThat(seen).as("progress seen while importing").isNotEmpty();
            assertThat(browser.findElement(By.cssSelector("li[data-import-id='" + id + "'] .import-cancel"))
                            .isDisplayed())
                    .isFalse();
            Chromium.screenshot(browser, "imports");
            AppPage.assertNoSeriousAccessibilityViolations(browser, "imports page after an import");

            int imported = progress.get("imported").asInt();
            assertThat(imported).isGreaterThan(5);
            browser.findElement(By.cssSelector("#nav a[href='/app/']")).click();
            AppPage.awaitHeading(browser, "Your runs");
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(driver -> "end"
                            .equals(driver.findElement(By.cssSelector(".list-status"))
                                    .getDomAttribute("data-state")));
            List<WebElement> runs = browser.findElements(By.cssSelector("#run-list li"));
            assertThat(runs).hasSize(imported);
            assertThat(runs.get(0).getText()).contains("strava");
        } finally {
            strava.setLatency(Duration.ZERO);
        }
    }

    @Test
    void a_slow_import_can_be_cancelled_and_a_second_one_is_refused_while_it_runs() throws Exception {
        String bob = token("bob");
        connectByApi(bob, BOBS_ATHLETE);
        // Slow enough that the import is still running when Cancel is pressed.
        strava.setLatency(Duration.ofSeconds(1));
        try {
            signIn("bob");
            openImports();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("import-start")))
                    .click();
            WebElement item =
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#import-list li.import")));
            String id = item.getDomAttribute("data-import-id");
            // Live progress: the label counts activities as the stream reports them.
            wait.until(driver -> {
                String label = driver.findElement(By.id("progress-label-" + id)).getText();
                return label.matches("[1-9]\\d* of \\d+ activities.*");
            });
            assertThat(item.getDomAttribute("data-state")).isIn("running", "queued");

            browser.findElement(By.id("import-start")).click();
            String notice = AppPage.awaitNotice(browser);
            JsonNode conflict = postProblem(bob, "/api/v1/imports", "{\"provider\":\"strava\"}");
            assertThat(conflict.get("status").asInt()).isEqualTo(409);
            assertThat(notice).contains(conflict.get("title").asText());

            browser.findElement(By.cssSelector("li[data-import-id='" + id + "'] .import-cancel"))
                    .click();
            wait.until(ExpectedConditions.attributeToBe(
                    By.cssSelector("li[data-import-id='" + id + "']"), "data-state", "cancelled"));
            assertThat(browser.findElement(By.cssSelector("li[data-import-id='" + id + "'] .import-state"))
                            .getText())
                    .isEqualTo("Cancelled");
            JsonNode cancelled = fitsync.call(bob, "GET", "/api/v1/imports/" + id, null);
            assertThat(cancelled.get("state").asText()).isEqualTo("cancelled");
            long runs = strava.activities(BOBS_ATHLETE).stream()
                    .filter(FakeActivity::isRun)
                    .count();
            assertThat(cancelled.get("progress").get("imported").asLong()).isLessThan(runs);

            // Disconnecting asks first; confirmed, the connection is gone.
            browser.findElement(By.id("strava-disconnect")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("strava-disconnect-confirm")))
                    .click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p[data-connected=false]")));
            assertThat(fitsync.call(bob, "GET", "/api/v1/integrations/strava", null)
                            .get("connected")
                            .asBoolean())
                    .isFalse();
        } finally {
            strava.setLatency(Duration.ZERO);
        }
    }

    @Test
    void uploaded_files_become_runs_chosen_with_the_file_input_or_dropped() throws Exception {
        String carol = token("carol");
        signIn("carol");
        openImports();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("file-input")));
        assertThat(browser.findElement(By.cssSelector("label[for=file-input]")).getText())
                .isEqualTo("Choose activity files");
        Path run =
                SAMPLES.resolve("run-hr-cadence-devfield.fit").toAbsolutePath().normalize();
        Path ride = SAMPLES.resolve("ride-cycling.fit").toAbsolutePath().normalize();
        input.sendKeys(run + "\n" + ride);

        WebElement runUpload = awaitUploadOutcome("run-hr-cadence-devfield.fit");
        assertThat(runUpload.getDomAttribute("data-state")).isEqualTo("imported");
        String fileId = runUpload.getDomAttribute("data-file-id");
        JsonNode file = fitsync.call(carol, "GET", "/api/v1/files/" + fileId, null);
        String runId = file.get("run_id").asText();
        WebElement link = runUpload.findElement(By.cssSelector("a.run-link"));
        assertThat(link.getDomAttribute("href")).isEqualTo("/app/runs/" + runId);

        WebElement rideUpload = awaitUploadOutcome("ride-cycling.fit");
        assertThat(rideUpload.getDomAttribute("data-state")).isEqualTo("skipped");
        JsonNode skipped =
                fitsync.call(carol, "GET", "/api/v1/files/" + rideUpload.getDomAttribute("data-file-id"), null);
        assertThat(rideUpload.getText()).contains(skipped.get("reason").asText());

        // A drop on the drop zone, as a file dragged from the desktop arrives.
        String gpx = Files.readString(EXAMPLE_GPX, StandardCharsets.UTF_8);
        browser.executeScript(
                "const transfer = new DataTransfer();"
                        + "transfer.items.add(new File([arguments[0]], 'morning-run.gpx', {type: 'application/gpx+xml'}));"
                        + "const zone = document.getElementById('drop-zone');"
                        + "for (const type of ['dragenter', 'dragover', 'drop']) {"
                        + "  zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));"
                        + "}",
                gpx);
        WebElement dropped = awaitUploadOutcome("morning-run.gpx");
        assertThat(dropped.getDomAttribute("data-state")).isEqualTo("imported");
        Chromium.screenshot(browser, "imports-uploads");
        AppPage.assertNoSeriousAccessibilityViolations(browser, "imports page with uploads");

        Chromium.phoneWidth(browser);
        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        Chromium.screenshot(browser, "imports-phone");

        runUpload = browser.findElement(By.cssSelector("li.upload[data-filename='run-hr-cadence-devfield.fit']"));
        runUpload.findElement(By.cssSelector("a.run-link")).click();
        wait.until(ExpectedConditions.urlToBe(fitsync.url("/app/runs/" + runId)));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
        assertThat(fitsync.call(carol, "GET", "/api/v1/runs/" + runId, null)
                        .get("id")
                        .asText())
                .isEqualTo(runId);
    }

    @Test
    void the_event_stream_reader_finds_the_same_events_wherever_the_bytes_are_split() {
        browser.get(fitsync.url("/app/"));
        AppPage.awaitHeading(browser, "Sign in to FitSync");
        // events.js's parseFrames, fed a stream cut into two pieces at every position, as chunks arrive.
        Object result = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/app/assets/events.js').then(({parseFrames}) => {"
                + "  const stream = ': heartbeat\\n\\nevent: progress\\ndata: {\"state\":\"running\"}\\n\\n"
                + ": heartbeat\\r\\n\\r\\nevent: progress\\r\\ndata: one\\r\\ndata:two\\r\\n\\r\\ndata: plain\\n\\n';"
                + "  const outcomes = new Set();"
                + "  for (let cut = 0; cut <= stream.length; cut++) {"
                + "    const first = parseFrames(stream.slice(0, cut));"
                + "    const second = parseFrames(first.rest + stream.slice(cut));"
                + "    outcomes.add(JSON.stringify([...first.events, ...second.events]) + '|' + second.rest);"
                + "  }"
                + "  done([...outcomes]);"
                + "}, (e) => done(String(e)));");
        assertThat(result)
                .isEqualTo(List.of("[{\"event\":\"progress\",\"data\":\"{\\\"state\\\":\\\"running\\\"}\"},"
                        + "{\"event\":\"progress\",\"data\":\"one\\ntwo\"},"
                        + "{\"event\":\"message\",\"data\":\"plain\"}]|"));
    }

    private WebElement awaitUploadOutcome(String filename) {
        By item = By.cssSelector("li.upload[data-filename='" + filename + "']");
        return new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> {
            List<WebElement> found = driver.findElements(item);
            if (found.isEmpty()) {
                return null;
            }
            String state = found.get(0).getDomAttribute("data-state");
            return List.of("imported", "duplicate", "skipped", "failed").contains(state) ? found.get(0) : null;
        });
    }

    /** The OAuth round trip without a browser, as the harness does it: authorize URL, the fake's consent, the callback. */
    private static void connectByApi(String token, long athlete) throws Exception {
        JsonNode authorize = fitsync.call(token, "GET", "/api/v1/integrations/strava/authorize", null);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> consent = http.send(
                HttpRequest.newBuilder(URI.create(authorize.get("authorize_url").asText() + "&athlete=" + athlete))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String callback = consent.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> connected =
                http.send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(connected.statusCode()).as(connected.body()).isIn(200, 302);
        assertThat(fitsync.call(token, "GET", "/api/v1/integrations/strava", null)
                        .get("connected")
                        .asBoolean())
                .isTrue();
    }

    private static JsonNode postProblem(String token, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(fitsync.url(path)))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return RunningFitSync.JSON.readTree(response.body());
    }

    private static String token(String user) throws Exception {
        return fitsync.token(user);
    }

    private void signIn(String user) throws Exception {
        browser.get(fitsync.signInLink(user));
        AppPage.awaitHeading(browser, "Your runs");
    }

    private void openImports() {
        browser.findElement(By.cssSelector("#nav a[href='/app/imports']")).click();
        AppPage.awaitHeading(browser, "Imports");
    }
}
