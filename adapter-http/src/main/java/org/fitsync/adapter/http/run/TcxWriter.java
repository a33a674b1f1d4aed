package org.fitsync.adapter.http.run;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.SampleStream;
import org.fitsync.domain.run.Samples;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.domain.run.Track;

/**
 * A run as a Garmin Training Center (TCX v2) document: one Activity of Sport Running with one Lap
 * (the run's duration and distance) holding one Track. With GPS, a Trackpoint per point, carrying the
 * heart rate, cadence and distance of the sample at its time; without (a treadmill), a Trackpoint per
 * sample. Elements follow the schema's order. TCX Cadence is an unsignedByte in revolutions per
 * minute, so for running it is strides (one foot) per minute: FitSync's steps per minute halved,
 * rounded. Lap Calories is required by the schema and unknown to FitSync: 0.
 */
final class TcxWriter {

    static final String CONTENT_TYPE = "application/vnd.garmin.tcx+xml";
    private static final String NAMESPACE = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private TcxWriter() {}

    static byte[] write(StoredRun run, RunRecording recording) {
        return write(run, List.of(recording.track()), recording.samples());
    }

    /**
     * With the track in segments (hidden stretches cut out, see {@code TrackRedaction}): a Track
     * element per segment.
     */
    static byte[] write(StoredRun run, List<Track> segments, Optional<Samples> samples) {
        int gpsPoints = segments.stream().mapToInt(Track::size).sum();
        int points = gpsPoints == 0 ? samples.map(Samples::size).orElse(0) : gpsPoints;
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + points * 250);
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NAMESPACE);
            xml.writeStartElement(NAMESPACE, "TrainingCenterDatabase");
            xml.writeDefaultNamespace(NAMESPACE);
            xml.writeStartElement(NAMESPACE, "Activities");
            xml.writeStartElement(NAMESPACE, "Activity");
            xml.writeAttribute("Sport", "Running");
            element(xml, "Id", run.startedAt().toString());
            xml.writeStartElement(NAMESPACE, "Lap");
            xml.writeAttribute("StartTime", run.startedAt().toString());
            element(xml, "TotalTimeSeconds", Long.toString(run.durationS()));
            element(xml, "DistanceMeters", GpxWriter.decimal(run.distanceM()));
            element(xml, "Calories", "0");
            element(xml, "Intensity", "Active");
            element(xml, "TriggerMethod", "Manual");
            if (gpsPoints == 0 && points > 0) {
                xml.writeStartElement(NAMESPACE, "Track");
                Samples s = samples.get();
                for (int i = 0; i < s.size(); i++) {
                    trackpoint(xml, s.epochMs(i), Track.EMPTY, -1, s, OptionalInt.of(i));
                }
                xml.writeEndElement();
            }
            for (Track track : gpsPoints == 0 ? List.<Track>of() : segments) {
                if (track.isEmpty()) {
                    continue;
                }
                xml.writeStartElement(NAMESPACE, "Track");
                for (int i = 0; i < track.size(); i++) {
                    OptionalInt sample = samples.isPresent()
                            ? samples.get().nearest(track.epochMs(i), GpxWriter.MATCH_TOLERANCE_MS)
                            : OptionalInt.empty();
                    trackpoint(xml, track.epochMs(i), track, i, samples.orElse(null), sample);
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("TCX could not be written", e);
        }
        return out.toByteArray();
    }

    /** One Trackpoint: GPS point {@code point} of the track (none when negative), sample {@code sample}. */
    private static void trackpoint(
            XMLStreamWriter xml, long epochMs, Track track, int point, Samples samples, OptionalInt sample)
            throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, "Trackpoint");
        element(xml, "Time", Instant.ofEpochMilli(epochMs).toString());
        if (point >= 0) {
            xml.writeStartElement(NAMESPACE, "Position");
            element(xml, "LatitudeDegrees", GpxWriter.decimal(track.lat(point)));
            double lon = track.lon(point);
            element(xml, "LongitudeDegrees", GpxWriter.decimal(lon == 180.0 ? -180.0 : lon));
            xml.writeEndElement();
            if (track.hasElevation(point)) {
                element(xml, "AltitudeMeters", GpxWriter.decimal(track.elevationM(point)));
            }
        }
        if (sample.isPresent()) {
            int i = sample.getAsInt();
            if (samples.hasValue(SampleStream.DISTANCE_M, i)) {
                element(xml, "DistanceMeters", GpxWriter.decimal(samples.value(SampleStream.DISTANCE_M, i)));
            }
            if (samples.hasValue(SampleStream.HEART_RATE, i)) {
                xml.writeStartElement(NAMESPACE, "HeartRateBpm");
                element(xml, "Value", Long.toString(Math.round(samples.value(SampleStream.HEART_RATE, i))));
                xml.writeEndElement();
            }
            if (samples.hasValue(SampleStream.CADENCE, i)) {
                element(xml, "Cadence", Integer.toString(GpxWriter.strides(samples.value(SampleStream.CADENCE, i))));
            }
        }
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
