package org.fitsync.harness.phone;

import java.time.Instant;

/** Small GPX 1.1 documents for the phone's {@code record-run}. */
final class Gpx {

    private Gpx() {}

    /** A run of {@code minutes} with a point every 5 s, heading north from Berlin's Alexanderplatz. */
    static String minutes(int minutes) {
        Instant start = Instant.parse("2026-11-20T07:00:00Z");
        StringBuilder gpx = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<gpx version=\"1.1\" creator=\"FitSync tests\" xmlns=\"http://www.topografix.com/GPX/1/1\">"
                + "<trk><trkseg>\n");
        for (int s = 0; s <= minutes * 60; s += 5) {
            gpx.append(String.format(
                    java.util.Locale.ROOT,
                    "<trkpt lat=\"%.6f\" lon=\"13.413000\"><ele>34.0</ele><time>%s</time></trkpt>%n",
                    52.521900 + s * 0.000027,
                    start.plusSeconds(s)));
        }
        return gpx.append("</trkseg></trk></gpx>\n").toString();
    }
}
