package org.fitsync.app.overload;

import org.fitsync.app.testing.TestServer;

/** Values from the node's {@code /metrics}, as an operator's Prometheus would read them. */
final class Scrape {

    private Scrape() {}

    /** The sum of the samples of {@code metric} whose labels contain every one of {@code labels}. */
    static double sum(TestServer server, String metric, String... labels) {
        String text = server.get("/metrics", null).body();
        double sum = 0;
        for (String line : text.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= line.contains(label);
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
