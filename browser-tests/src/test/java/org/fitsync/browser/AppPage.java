package org.fitsync.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What every browser test reads off the app's pages, and the checks every page must pass. */
final class AppPage {

    private AppPage() {}

    /** A wait of up to 30 s that looks again when the element it held was drawn anew meanwhile. */
    static WebDriverWait waitFor(ChromeDriver browser) {
        return (WebDriverWait)
                new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
    }

    /** Waits until the page's heading reads {@code text}: the view has rendered. */
    static void awaitHeading(ChromeDriver browser, String text) {
        waitFor(browser).until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
    }

    /** Waits for the page's alert (an API problem's title and detail) and returns its text. */
    static String awaitNotice(ChromeDriver browser) {
        return waitFor(browser).until(driver -> {
            String text = driver.findElement(By.id("notice")).getText();
            return text.isBlank() ? null : text;
        });
    }

    static void assertNoSidewaysScroll(ChromeDriver browser) {
        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    }

    /** axe-core over the page as it is now: no violation of serious or critical impact. */
    static void assertNoSeriousAccessibilityViolations(ChromeDriver browser, String page) {
        Results results = new AxeBuilder().analyze(browser);
        List<String> serious = new ArrayList<>();
        for (Rule violation : results.getViolations()) {
            if ("serious".equals(violation.getImpact()) || "critical".equals(violation.getImpact())) {
                serious.add(violation.getId() + ": " + violation.getHelp() + " "
                        + violation.getNodes().size() + " node(s)");
            }
        }
        assertThat(serious).as("axe-core on the " + page).isEmpty();
    }
}
