package org.fitsync.adapter.http.run;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.SampleStream;
import org.fitsync.domain.run.Samples;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackPoint;

/**
 * A track as a GPX 1.1 document: one {@code trk} with one {@code trkseg} (a {@code trkseg} per
 * segment of a track with hidden stretches cut out, see {@code TrackRedaction}). GPX numbers are
 * {@code xsd:decimal}, which has no exponent, so they are written in plain notation; GPX longitude
 * excludes 180, which is written as the same meridian, -180. A point with a sample at its time (within
 * {@link #MATCH_TOLERANCE_MS}) carries its heart rate and cadence in Garmin's TrackPointExtension v1,
 * which Garmin Connect, Strava and most tools read; cadence there is strides (one foot) per minute.
 */
public final class GpxWriter {

    static final String CONTENT_TYPE = "application/gpx+xml";
    /** A watch logs GPS and sensors on the same tick; a phone's clocks may differ by under a second. */
    static final long MATCH_TOLERANCE_MS = 1000;

    private static final String NAMESPACE = "http://www.topografix.com/GPX/1/1";
    private static final String TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private GpxWriter() {}

    public static byte[] write(UUID runId, RunRecording recording) {
        return write(runId, List.of(recording.track()), recording.samples());
    }

    static byte[] write(UUID runId, List<Track> segments, Optional<Samples> samples) {
        int points = segments.stream().mapToInt(Track::size).sum();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + points * 110);
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NAMESPACE);
            xml.setPrefix("gpxtpx", TPX);
            xml.writeStartElement(NAMESPACE, "gpx");
            xml.writeDefaultNamespace(NAMESPACE);
            if (samples.isPresent()) {
                xml.writeNamespace("gpxtpx", TPX);
            }
            xml.writeAttribute("version", "1.1");
            xml.writeAttribute("creator", "FitSync");
            xml.writeStartElement(NAMESPACE, "trk");
            element(xml, "name", "Run " + runId);
            element(xml, "type", "running");
            for (Track track : segments) {
                segment(xml, track, samples);
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("GPX could not be written", e);
        }
        return out.toByteArray();
    }

    private static void segment(XMLStreamWriter xml, Track track, Optional<Samples> samples) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, "trkseg");
        for (TrackPoint p : track.points()) {
            xml.writeStartElement(NAMESPACE, "trkpt");
            xml.writeAttribute("lat", decimal(p.lat()));
            xml.writeAttribute("lon", decimal(p.lon() == 180.0 ? -180.0 : p.lon()));
            if (p.elevationM().isPresent()) {
                element(xml, "ele", decimal(p.elevationM().getAsDouble()));
            }
            element(xml, "time", Instant.ofEpochMilli(p.epochMs()).toString());
            if (samples.isPresent()) {
                extension(xml, samples.get(), samples.get().nearest(p.epochMs(), MATCH_TOLERANCE_MS));
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    /** {@code <extensions><gpxtpx:TrackPointExtension>} with hr and cad, when the sample has either. */
    private static void extension(XMLStreamWriter xml, Samples samples, OptionalInt sample) throws XMLStreamException {
        if (!sample.isPresent()) {
            return;
        }
        int i = sample.getAsInt();
        boolean hr = samples.hasValue(SampleStream.HEART_RATE, i);
        boolean cad = samples.hasValue(SampleStream.CADENCE, i);
        if (!hr && !cad) {
            return;
        }
        xml.writeStartElement(NAMESPACE, "extensions");
        xml.writeStartElement(TPX, "TrackPointExtension");
        if (hr) {
            tpx(xml, "hr", Long.toString(Math.round(samples.value(SampleStream.HEART_RATE, i))));
        }
        if (cad) {
            tpx(xml, "cad", Integer.toString(strides(samples.value(SampleStream.CADENCE, i))));
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    /** Steps per minute (FitSync's unit) as strides per minute, the unit GPX and TCX cadence use for runs. */
    static int strides(double stepsPerMinute) {
        return (int) Math.round(stepsPerMinute / 2);
    }

    private static void tpx(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(TPX, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
