package org.fitsync.harness.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Strava account export (docs/api.md, "The Strava archive") as Strava writes it: {@code activities.csv}
 * and one gzip-compressed file per activity under {@code activities/}. Most are FIT, every tenth GPX, as
 * in exports of watch users who also recorded with a phone app.
 */
final class StravaArchive {

    private static final DateTimeFormatter CSV_DATE = DateTimeFormatter.ofPattern(
                    "MMM d, yyyy, h:mm:ss a", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final String HEADER = "Activity ID,Activity Date,Activity Name,Activity Type,"
            + "Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,"
            + "Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,"
            + "Distance\n";

    private StravaArchive() {}

    /** {@code count} runs of {@code seconds} 1 Hz samples, a day apart back from {@code newest}. */
    static byte[] zip(int count, int seconds, Instant newest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder csv = new StringBuilder(HEADER);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < count; i++) {
                long id = 7_000_000_000L + i;
                Instant start = newest.minus(Duration.ofDays(i));
                boolean gpx = i % 10 == 9;
                String name = "activities/" + id + (gpx ? ".gpx.gz" : ".fit.gz");
                zip.putNextEntry(new ZipEntry(name));
                zip.write(gzip(gpx ? gpx(start, seconds) : FitRunWriter.run(start, seconds)));
                zip.closeEntry();
                csv.append(id)
                        .append(",\"")
                        .append(CSV_DATE.format(start))
                        .append("\",\"Run ")
                        .append(i)
                        .append("\",Run,,")
                        .append(seconds)
                        .append(",2.80,,,false,,,")
                        .append(name)
                        .append(",,,")
                        .append(seconds)
                        .append(".0,")
                        .append(seconds)
                        .append(".0,2800.0\n");
            }
            zip.putNextEntry(new ZipEntry("activities.csv"));
            zip.write(csv.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A phone app's GPX: positions, elevation and time, no heart rate. */
    private static byte[] gpx(Instant start, int points) {
        StringBuilder gpx = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<gpx version=\"1.1\" creator=\"bench\" xmlns=\"http://www.topografix.com/GPX/1/1\">"
                + "<trk><type>running</type><trkseg>\n");
        for (int i = 0; i < points; i++) {
            gpx.append(String.format(
                    Locale.ROOT,
                    "<trkpt lat=\"%.7f\" lon=\"%.7f\"><ele>%.1f</ele><time>%s</time></trkpt>\n",
                    52.5 + 0.004 * Math.sin(i / 300.0),
                    13.4 + 0.006 * Math.cos(i / 300.0),
                    40 + 8 * Math.sin(i / 120.0),
                    start.plusSeconds(i)));
        }
        return gpx.append("</trkseg></trk></gpx>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }
}
