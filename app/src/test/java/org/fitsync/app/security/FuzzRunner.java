package org.fitsync.app.security;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs one fuzz target of {@link EndpointFuzzTest} in this JVM (Jazzer fuzzes one target per JVM);
 * {@code scripts/fuzz.sh} starts one per target with {@code JAZZER_FUZZ=1}, without Maven's overhead.
 */
public final class FuzzRunner {

    private FuzzRunner() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: FuzzRunner <fuzz target method of EndpointFuzzTest>");
            System.exit(2);
        }
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(
                LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectMethod(EndpointFuzzTest.class.getName() + "#" + args[0] + "(byte[])"))
                        .build(),
                summary);
        summary.getSummary().printTo(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        summary.getSummary()
                .printFailuresTo(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true), 40);
        boolean ran = summary.getSummary().getTestsFoundCount() > 0;
        System.exit(ran && summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
    }
}
