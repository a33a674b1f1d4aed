package org.fitsync.harness.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** One scrape of the server's Prometheus {@code /metrics}: each metric's value summed over its labels. */
record ServerMetrics(Map<String, Double> values) {

    static ServerMetrics scrape(HttpClient http, URI base) throws IOException, InterruptedException {
        String text = http.send(
                        HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Double> values = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int labels = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = line.substring(0, labels >= 0 ? labels : line.indexOf(' '));
            try {
                values.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
            } catch (NumberFormatException notANumber) {
                // NaN and the like say nothing we sum.
            }
        }
        return new ServerMetrics(values);
    }

    double get(String name) {
        return values.getOrDefault(name, 0.0);
    }

    /** How much a counter (or a timer's count or sum) grew since {@code before}. */
    double since(ServerMetrics before, String name) {
        return get(name) - before.get(name);
    }
}
