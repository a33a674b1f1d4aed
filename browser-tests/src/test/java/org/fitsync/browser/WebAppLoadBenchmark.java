package org.fitsync.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How fast the web app's run list and a run page load for a 10,000-run account, from the browser's own
 * performance timeline: first and largest contentful paint, interactive (the app's {@code fitsync:ready}
 * mark: the first page of runs listed, or the map and charts drawn), bytes transferred and the app's own
 * compressed bytes. A benchmark, not a test: it asserts nothing about time, and runs only when named:
 * {@code scripts/browser-tests.sh -Dtest=WebAppLoadBenchmark}.
 *
 * <p>Warm-up: each page is loaded 5 times first (the server's JIT and the browser's), then measured 7 times
 * with an empty cache (cleared through the DevTools protocol before each load, so every byte is fetched) and
 * 7 times with a warm one; medians are printed.
 */
class WebAppLoadBenchmark {

    private static final int RUNS = 10_000;
    private static final int WARM_UP = 5;
    private static final int MEASURED = 7;

    @Test
    void run_list_and_run_page_of_a_ten_thousand_run_account() throws Exception {
        try (RunningFitSync fitsync = RunningFitSync.start()) {
            String token = fitsync.token("busy-runner");
            String trackRun = seed(fitsync, token);
            JsonNode session = fitsync.exchangeSignInLink(fitsync.signInLink("busy-runner"));
            ChromeDriver browser = Chromium.start();
            try {
                browser.get(fitsync.url("/app/sign-in"));
                browser.executeScript(
                        "sessionStorage.setItem('fitsync.session', JSON.stringify({token: arguments[0], user_id:"
                                + " arguments[1], roles: [], expires_at: Date.now() + 3600000}))",
                        session.get("access_token").asText(),
                        session.get("user_id").asText());
                for (var page : Map.of("run list", "/app/", "run page", "/app/runs/" + trackRun)
                        .entrySet()) {
                    for (int i = 0; i < WARM_UP; i++) {
                        load(browser, fitsync.url(page.getValue()), true);
                    }
                    report(page.getKey() + ", empty cache", browser, fitsync.url(page.getValue()), true);
                    report(page.getKey() + ", warm cache", browser, fitsync.url(page.getValue()), false);
                }
            } finally {
                browser.quit();
            }
        }
    }

    private static void report(String label, ChromeDriver browser, String url, boolean cold) {
        List<Map<String, Object>> loads = new ArrayList<>();
        for (int i = 0; i < MEASURED; i++) {
            loads.add(load(browser, url, cold));
        }
        System.out.printf(
                "%-24s FCP %5.0f ms  LCP %5.0f ms  interactive %5.0f ms  transferred %6.1f KB  app's own assets %6.1f KB"
                        + " compressed (median of %d)%n",
                label,
                median(loads, "fcp"),
                median(loads, "lcp"),
                median(loads, "ready"),
                median(loads, "transferred") / 1024,
                median(loads, "assets") / 1024,
                MEASURED);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(ChromeDriver browser, String url, boolean cold) {
        if (cold) {
            browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
        }
        browser.get(url);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> (Boolean) ((ChromeDriver) driver)
                .executeScript("return performance.getEntriesByName('fitsync:ready').length > 0"));
        Object timings = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                new PerformanceObserver((list) => {
                  const entries = list.getEntries();
                  const lcp = entries[entries.length - 1].startTime;
                  const nav = performance.getEntriesByType('navigation')[0];
                  const resources = performance.getEntriesByType('resource');
                  done({
                    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
                    lcp,
                    ready: performance.getEntriesByName('fitsync:ready')[0].startTime,
                    transferred: nav.transferSize + resources.reduce((n, r) => n + r.transferSize, 0),
                    assets: nav.encodedBodySize + resources.filter((r) => r.name.includes('/app/assets/'))
                        .reduce((n, r) => n + r.encodedBodySize, 0),
                  });
                }).observe({type: 'largest-contentful-paint', buffered: true});
                """);
        return (Map<String, Object>) timings;
    }

    private static double median(List<Map<String, Object>> loads, String key) {
        List<Double> values = new ArrayList<>();
        loads.forEach(load -> values.add(((Number) load.get(key)).doubleValue()));
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    /** 9,999 plain runs and one with a 1,200-point track (the newest), by four writers at once. */
    private static String seed(RunningFitSync fitsync, String token) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonNode>> writes = new ArrayList<>();
            for (int i = 0; i < RUNS - 1; i++) {
                Map<String, Object> run = SeededRuns.plain(i);
                writes.add(writers.submit(() -> fitsync.call(token, "POST", "/api/v1/runs", run)));
            }
            for (Future<JsonNode> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdown();
        }
        Instant newest = Instant.parse("2026-06-01T06:30:00Z").plus(Duration.ofDays(RUNS));
        String id = fitsync.call(token, "POST", "/api/v1/runs", SeededRuns.withTrack(newest))
                .get("id")
                .asText();
        JsonNode first = fitsync.call(token, "GET", "/api/v1/runs?limit=1", null);
        assertThat(first.get("items").get(0).get("id").asText()).isEqualTo(id);
        return id;
    }
}
