package org.fitsync.adapter.files.gpx;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.xml.stream.XMLStreamReader;
import org.fitsync.adapter.files.xml.DeviceMakers;
import org.fitsync.adapter.files.xml.Recordings;
import org.fitsync.adapter.files.xml.SafeXmlWalker;
import org.fitsync.adapter.files.xml.TrackPoint;
import org.fitsync.domain.files.ActivityKind;
import org.fitsync.domain.files.FileReading;
import org.fitsync.domain.files.RecordedSample;

/**
 * Reads a GPX 1.1 or 1.0 file's tracks: each {@code trkpt}'s position, {@code ele}, {@code time} and
 * Garmin's TrackPointExtension (v1 or v2: {@code hr}, {@code cad}, {@code atemp}) or a power extension
 * ({@code power}); {@code metadata/name} (or the first track's name), {@code metadata/time} and the first
 * track's {@code type}. Route and waypoints are not an activity and are ignored, as are untimed points.
 */
public final class GpxReader {

    private final SafeXmlWalker walker;
    private final int maxSamples;

    public GpxReader(int maxXmlDepth, int maxSamples) {
        this.walker = new SafeXmlWalker(maxXmlDepth);
        this.maxSamples = maxSamples;
    }

    public FileReading read(InputStream in) throws IOException {
        GpxHandler handler = new GpxHandler(maxSamples);
        Optional<FileReading.Unreadable> failure = walker.walk(in, handler);
        if (failure.isPresent()) {
            return failure.get();
        }
        if (!handler.sawRoot) {
            return new FileReading.Unreadable("unsupported", "not a GPX file: its root element is not gpx");
        }
        ActivityKind kind = kind(handler.type);
        List<RecordedSample> samples = new ArrayList<>(handler.points.size());
        for (TrackPoint point : handler.points) {
            point.toSample(kind.run()).ifPresent(samples::add);
        }
        if (samples.isEmpty()) {
            return new FileReading.Unreadable("empty", "the GPX file has no timed track points");
        }
        Optional<String> name = handler.name.or(() -> handler.trackName);
        return new FileReading.Read(Recordings.of(kind, handler.maker, name, samples, OptionalDouble.empty()));
    }

    /**
     * GPX has no standard activity type. Strava writes {@code <type>running</type>} (older exports the
     * number {@code 9}), Garmin Connect {@code running}, {@code trail_running}, ... A track without a type
     * is taken as a run: FitSync is a running app, and most GPX runs from watches and phone apps carry
     * none.
     */
    static ActivityKind kind(Optional<String> type) {
        if (type.isEmpty()) {
            return ActivityKind.running("running");
        }
        String name = type.get().toLowerCase(Locale.ROOT);
        boolean run = name.equals("9") || name.contains("run");
        return run ? ActivityKind.running(name) : ActivityKind.other(name);
    }

    private static final class GpxHandler implements SafeXmlWalker.Handler {
        private final int maxSamples;
        private final List<TrackPoint> points = new ArrayList<>();
        private TrackPoint point;
        private boolean sawRoot;
        private Optional<String> type = Optional.empty();
        private Optional<String> name = Optional.empty();
        private Optional<String> trackName = Optional.empty();
        private Optional<String> maker = Optional.empty();
        private Optional<FileReading.Unreadable> failure = Optional.empty();

        GpxHandler(int maxSamples) {
            this.maxSamples = maxSamples;
        }

        @Override
        public void start(List<String> path, XMLStreamReader reader) {
            String element = path.get(path.size() - 1);
            if (path.size() == 1) {
                if (!element.equals("gpx")) {
                    failure = Optional.of(
                            new FileReading.Unreadable("unsupported", "not a GPX file: its root element is not gpx"));
                    return;
                }
                sawRoot = true;
                String creator = reader.getAttributeValue(null, "creator");
                maker = creator == null ? Optional.empty() : DeviceMakers.recognise(creator);
            } else if (element.equals("trkpt") && parent(path).equals("trkseg")) {
                point = new TrackPoint();
                point.lat = TrackPoint.number(attribute(reader, "lat"));
                point.lon = TrackPoint.number(attribute(reader, "lon"));
            }
        }

        @Override
        public void end(List<String> path, String text) {
            String element = path.get(path.size() - 1);
            String parent = parent(path);
            if (point != null) {
                if (element.equals("trkpt")) {
                    points.add(point);
                    point = null;
                    if (points.size() > maxSamples) {
                        failure = Optional.of(new FileReading.Unreadable(
                                "too_large", "the file has more than " + maxSamples + " track points"));
                    }
                } else {
                    readPointValue(element, text);
                }
                return;
            }
            switch (parent + "/" + element) {
                case "trk/type" -> type = type.or(() -> nonEmpty(text));
                case "trk/name" -> trackName = trackName.or(() -> nonEmpty(text));
                case "metadata/name", "gpx/name" -> name = name.or(() -> nonEmpty(text));
                default -> {
                    // metadata/time is not needed: the first point's time is the start
                }
            }
        }

        private void readPointValue(String element, String text) {
            switch (element) {
                case "ele" -> point.elevationM = TrackPoint.number(text);
                case "time" -> point.time = TrackPoint.time(text).orElse(null);
                case "hr" -> point.heartRate = TrackPoint.number(text);
                // Garmin's gpxtpx:cad is, for a run, per foot like FIT's cadence; TrackPoint doubles it.
                case "cad" -> point.cadencePerFoot = TrackPoint.number(text);
                case "atemp" -> point.temperatureC = TrackPoint.number(text);
                case "power", "PowerInWatts" -> point.powerW = TrackPoint.number(text);
                default -> {
                    // course, speed, sat, hdop, wtemp, depth, ...
                }
            }
        }

        @Override
        public Optional<FileReading.Unreadable> failure() {
            return failure;
        }

        private static String parent(List<String> path) {
            return path.size() < 2 ? "" : path.get(path.size() - 2);
        }

        private static String attribute(XMLStreamReader reader, String name) {
            String value = reader.getAttributeValue(null, name);
            return value == null ? "" : value.trim();
        }

        private static Optional<String> nonEmpty(String text) {
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
    }
}
