package org.fitsync.phone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.fitsync.domain.run.TrackPoint;

/** The track points of a GPX 1.1 file ({@code trkpt} with {@code time}, optional {@code ele}), in file order. */
final class GpxFile {

    private GpxFile() {}

    static List<TrackPoint> read(Path file) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // A GPX file is data: no DTDs, no external entities.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<TrackPoint> points = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            double lat = 0;
            double lon = 0;
            OptionalDouble ele = OptionalDouble.empty();
            Instant time = null;
            String text = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    text = null;
                    if (xml.getLocalName().equals("trkpt")) {
                        lat = Double.parseDouble(xml.getAttributeValue(null, "lat"));
                        lon = Double.parseDouble(xml.getAttributeValue(null, "lon"));
                        ele = OptionalDouble.empty();
                        time = null;
                    }
                } else if (event == XMLStreamConstants.CHARACTERS) {
                    text = text == null ? xml.getText() : text + xml.getText();
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "ele" -> ele = OptionalDouble.of(Double.parseDouble(text.trim()));
                        case "time" -> time = Instant.parse(text.trim());
                        case "trkpt" -> {
                            if (time == null) {
                                throw new IOException("a track point without <time> in " + file);
                            }
                            points.add(new TrackPoint(time.toEpochMilli(), lat, lon, ele));
                        }
                        default -> {}
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException("not a readable GPX file: " + file + " (" + e.getMessage() + ")", e);
        }
        return points;
    }

    /** The length of the track along the earth's surface (haversine, mean radius). */
    static double distanceM(List<TrackPoint> points) {
        double total = 0;
        for (int i = 1; i < points.size(); i++) {
            total += haversine(points.get(i - 1), points.get(i));
        }
        return total;
    }

    private static double haversine(TrackPoint a, TrackPoint b) {
        double r = 6_371_008.8;
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a.lat()))
                        * Math.cos(Math.toRadians(b.lat()))
                        * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
