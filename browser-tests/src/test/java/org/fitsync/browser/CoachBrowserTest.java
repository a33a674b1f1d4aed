package org.fitsync.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The runner's days and the coach's desk in headless Chromium: a coach linked by a pairing code sees which of
 * a client's values are manual and which device value they overrode, corrects a day, and the runner sees
 * steps and sleep with their sources.
 */
class CoachBrowserTest extends BrowserTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String COACH = "coach-" + SUFFIX;
    private static final String CLIENT = "runner-" + SUFFIX;
    // Days a few days back, set at start: inside the app's default range (the last 28 days) in any time zone.
    private static LocalDate overridden;
    private static LocalDate device;
    private static LocalDate corrected;

    private static RunningFitSync fitsync;
    private static String clientToken;
    private static String coachToken;
    private static final List<String> RUN_IDS = new ArrayList<>();

    @BeforeAll
    static void startServerWithALinkedClient() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.systemDefault());
        overridden = today.minusDays(3);
        device = today.minusDays(4);
        corrected = today.minusDays(6);
        fitsync = RunningFitSync.start();
        clientToken = fitsync.token(CLIENT);
        JsonNode coachSession = fitsync.exchangeSignInLink(fitsync.signInLink(COACH, "coach"));
        assertThat(coachSession.hasNonNull("access_token"))
                .as(coachSession.toString())
                .isTrue();
        coachToken = coachSession.get("access_token").asText();

        String code = fitsync.call(clientToken, "POST", "/api/v1/pairing-codes", null)
                .get("code")
                .asText();
        JsonNode linked = fitsync.call(coachToken, "POST", "/api/v1/coach/clients", Map.of("code", code));
        assertThat(linked.get("client_id").asText()).isEqualTo(CLIENT);

        // A manual value first, then the device's for the same day: manual beats device.
        fitsync.call(clientToken, "PUT", "/api/v1/entries/" + overridden, Map.of("steps", 9000));
        JsonNode kept = ingestSteps("healthkit", overridden, 8123);
        assertThat(kept.at("/results/0/status").asText()).isEqualTo("kept_manual");

        ingestSteps("healthkit", device, 7000);
        fitsync.call(
                clientToken,
                "POST",
                "/api/v1/ingest/sleep",
                Map.of(
                        "source",
                        "healthkit",
                        "items",
                        List.of(Map.of(
                                "date",
                                device.toString(),
                                "start",
                                device.minusDays(1) + "T22:40:00Z",
                                "end",
                                device + "T06:10:00Z",
                                "total_min",
                                431))));
        ingestSteps("garmin", corrected, 5000);

        for (int i = 0; i < 2; i++) {
            RUN_IDS.add(fitsync.call(clientToken, "POST", "/api/v1/runs", SeededRuns.plain(i))
                    .get("id")
                    .asText());
        }
    }

    @AfterAll
    static void stopServer() {
        if (fitsync != null) {
            fitsync.close();
        }
    }

    @Test
    void a_coach_sees_which_manual_value_overrode_a_device_and_the_clients_runs() throws Exception {
        signIn(COACH, "coach");
        browser.findElement(By.linkText("Clients")).click();
        AppPage.awaitHeading(browser, "Your clients");
        WebElement client = wait(30).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#client-list li[data-client-id='" + CLIENT + "'] a")));
        AppPage.assertNoSeriousAccessibilityViolations(browser, "client list");

        client.click();
        AppPage.awaitHeading(browser, "Client " + CLIENT);
        awaitDaysLoaded("client-days");
        WebElement steps = cell(overridden, "steps");
        assertThat(steps.getText())
                .contains("9,000 steps")
                .contains("Manual (overrode HealthKit)")
                .contains("HealthKit had 8,123 steps");
        assertThat(cell(device, "steps").getText()).contains("7,000 steps").contains("HealthKit");
        assertThat(cell(device, "sleep_min").getText()).contains("7 h 11 min").contains("HealthKit");

        wait(30).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#client-runs li"), 2));
        List<String> shown = browser.findElements(By.cssSelector("#client-runs li")).stream()
                .map(item -> item.getDomAttribute("data-run-id"))
                .toList();
        assertThat(shown).containsExactly(RUN_IDS.get(1), RUN_IDS.get(0));
        Chromium.screenshot(browser, "coach-client");
        AppPage.assertNoSeriousAccessibilityViolations(browser, "client page");
    }

    @Test
    void a_coach_corrects_a_day_and_the_value_shows_with_who_corrected_it() throws Exception {
        signIn(COACH, "coach");
        browser.get(fitsync.url("/app/coach/clients/" + CLIENT));
        AppPage.awaitHeading(browser, "Client " + CLIENT);
        awaitDaysLoaded("client-days");
        row(corrected).findElement(By.cssSelector("button.correct")).click();
        WebElement stepsInput = browser.findElement(By.id("correct-steps"));
        WebElement sleepInput = browser.findElement(By.id("correct-sleep"));
        assertThat(browser.findElement(By.id("correct-date")).getDomProperty("value"))
                .isEqualTo(corrected.toString());
        assertThat(stepsInput.getDomProperty("value")).isEqualTo("5000");

        // Out of bounds: the server's problem shows, naming the field.
        stepsInput.clear();
        stepsInput.sendKeys("300000");
        browser.findElement(By.cssSelector("#correction button[type=submit]")).click();
        JsonNode problem = put(coachToken, clientEntry(corrected), Map.of("steps", 300000));
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(AppPage.awaitNotice(browser))
                .contains(problem.get("title").asText())
                .contains(problem.get("detail").asText());
        wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("correct-errors"), "steps"));

        stepsInput.clear();
        stepsInput.sendKeys("12345");
        sleepInput.clear();
        sleepInput.sendKeys("400");
        browser.findElement(By.cssSelector("#correction button[type=submit]")).click();
        wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("correct-status"), "Saved"));
        wait(30).until(driver -> cell(corrected, "steps").getText().contains("12,345 steps"));
        assertThat(cell(corrected, "steps").getText())
                .contains("Manual (overrode Garmin)")
                .contains("Corrected by " + COACH);
        assertThat(cell(corrected, "sleep_min").getText())
                .contains("6 h 40 min")
                .contains("Manual")
                .contains("Corrected by " + COACH);

        JsonNode day = fitsync.call(clientToken, "GET", "/api/v1/entries?from=" + corrected + "&to=" + corrected, null)
                .at("/items/0");
        assertThat(day.get("steps").asInt()).isEqualTo(12345);
        assertThat(day.get("sleep_min").asInt()).isEqualTo(400);
        assertThat(day.at("/overridden/steps/source").asText()).isEqualTo("garmin");
        List<String> corrections = new ArrayList<>();
        day.get("corrections")
                .forEach(c -> corrections.add(
                        c.get("field").asText() + "=" + c.get("coach_id").asText()));
        assertThat(corrections).containsExactlyInAnyOrder("steps=" + COACH, "sleep_min=" + COACH);

        // The runner sees the correction on their own page too.
        signIn(CLIENT);
        browser.get(fitsync.url("/app/days"));
        AppPage.awaitHeading(browser, "Your days");
        awaitDaysLoaded("days");
        assertThat(cell(corrected, "steps").getText()).contains("12,345 steps").contains("Corrected by " + COACH);
    }

    @Test
    void the_runner_sees_steps_and_sleep_with_their_sources_and_makes_a_pairing_code() throws Exception {
        signIn(CLIENT);
        assertThat(browser.findElements(By.linkText("Clients"))).isEmpty();
        browser.findElement(By.linkText("Days")).click();
        AppPage.awaitHeading(browser, "Your days");
        awaitDaysLoaded("days");

        assertThat(cell(device, "steps").getText()).contains("7,000 steps").contains("HealthKit");
        assertThat(cell(device, "sleep_min").getText()).contains("7 h 11 min").contains("HealthKit");
        assertThat(cell(overridden, "steps").getText()).contains("9,000 steps").contains("Manual (overrode HealthKit)");
        assertThat(browser.findElements(By.cssSelector("figure[data-chart='steps'] svg rect")))
                .hasSizeGreaterThanOrEqualTo(3);
        // One bar a day (another test may have added a corrected night): its tooltip names the day's figure.
        assertThat(browser.findElement(
                                By.cssSelector("figure[data-chart='sleep'] svg rect[data-date='" + device + "']"))
                        .getDomProperty("textContent"))
                .endsWith(": 7 h 11 min");
        assertThat(browser.findElement(By.cssSelector("figure[data-chart='sleep'] figcaption"))
                        .getText())
                .startsWith("Sleep per night:")
                .contains("average");

        browser.findElement(By.id("pairing-create")).click();
        String code = wait(30).until(driver -> {
            List<WebElement> shown = driver.findElements(By.id("pairing-code"));
            return shown.isEmpty() ? null : shown.get(0).getText();
        });
        assertThat(code).matches("[A-Z0-9]{4}-[A-Z0-9]{4}");
        WebElement pairing = browser.findElement(By.id("pairing-result"));
        assertThat(pairing.getText()).contains("Valid once, until");
        browser.executeScript("arguments[0].scrollIntoView({block: 'end'})", pairing);
        Chromium.screenshot(browser, "days");
        AppPage.assertNoSeriousAccessibilityViolations(browser, "days page");
    }

    @Test
    void at_a_phones_width_the_coach_page_and_the_days_do_not_overflow_sideways() throws Exception {
        Chromium.phoneWidth(browser);
        signIn(COACH, "coach");
        browser.get(fitsync.url("/app/coach/clients/" + CLIENT));
        AppPage.awaitHeading(browser, "Client " + CLIENT);
        awaitDaysLoaded("client-days");
        wait(30).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#client-runs li"), 2));
        AppPage.assertNoSidewaysScroll(browser);
        Chromium.screenshot(browser, "coach-client-phone");

        signIn(CLIENT);
        browser.get(fitsync.url("/app/days"));
        AppPage.awaitHeading(browser, "Your days");
        awaitDaysLoaded("days");
        AppPage.assertNoSidewaysScroll(browser);
    }

    private void signIn(String user, String... roles) throws Exception {
        browser.get(fitsync.signInLink(user, roles));
        AppPage.awaitHeading(browser, "Your runs");
    }

    private WebDriverWait wait(int seconds) {
        // The table is drawn anew after each load: an element found a moment ago may be gone.
        return (WebDriverWait)
                new WebDriverWait(browser, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class);
    }

    private void awaitDaysLoaded(String prefix) {
        wait(30).until(ExpectedConditions.attributeToBe(By.id(prefix + "-status"), "data-state", "loaded"));
    }

    private WebElement row(LocalDate date) {
        return browser.findElement(By.cssSelector("tr[data-date='" + date + "']"));
    }

    private WebElement cell(LocalDate date, String field) {
        return row(date).findElement(By.cssSelector("td[data-field='" + field + "']"));
    }

    private static JsonNode ingestSteps(String source, LocalDate date, int steps) throws Exception {
        return fitsync.call(
                clientToken,
                "POST",
                "/api/v1/ingest/steps",
                Map.of("source", source, "items", List.of(Map.of("date", date.toString(), "steps", steps))));
    }

    private static String clientEntry(LocalDate date) {
        return "/api/v1/coach/clients/" + CLIENT + "/entries/" + date;
    }

    /** The answer to a PUT, refused or not, as JSON. */
    private static JsonNode put(String token, String path, Object body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(fitsync.url(path)))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(RunningFitSync.JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return RunningFitSync.JSON.readTree(response.body());
    }
}
