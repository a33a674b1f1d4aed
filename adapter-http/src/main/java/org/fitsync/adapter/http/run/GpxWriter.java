package org.fitsync.adapter.http.run;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackPoint;

/**
 * A track as a GPX 1.1 document: one {@code trk} with one {@code trkseg}. GPX numbers are
 * {@code xsd:decimal}, which has no exponent, so they are written in plain notation; GPX longitude
 * excludes 180, which is written as the same meridian, -180.
 */
final class GpxWriter {

    static final String CONTENT_TYPE = "application/gpx+xml";
    private static final String NAMESPACE = "http://www.topografix.com/GPX/1/1";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private GpxWriter() {}

    static byte[] write(UUID runId, Track track) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + track.size() * 110);
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NAMESPACE);
            xml.writeStartElement(NAMESPACE, "gpx");
            xml.writeDefaultNamespace(NAMESPACE);
            xml.writeAttribute("version", "1.1");
            xml.writeAttribute("creator", "FitSync");
            xml.writeStartElement(NAMESPACE, "trk");
            element(xml, "name", "Run " + runId);
            element(xml, "type", "running");
            xml.writeStartElement(NAMESPACE, "trkseg");
            for (TrackPoint p : track.points()) {
                xml.writeStartElement(NAMESPACE, "trkpt");
                xml.writeAttribute("lat", decimal(p.lat()));
                xml.writeAttribute("lon", decimal(p.lon() == 180.0 ? -180.0 : p.lon()));
                if (p.elevationM().isPresent()) {
                    element(xml, "ele", decimal(p.elevationM().getAsDouble()));
                }
                element(xml, "time", Instant.ofEpochMilli(p.epochMs()).toString());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("GPX could not be written", e);
        }
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
