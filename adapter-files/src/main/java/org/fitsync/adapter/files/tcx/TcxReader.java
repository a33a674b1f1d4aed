package org.fitsync.adapter.files.tcx;

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
 * Reads the first activity of a Garmin Training Center (TCX) file: its {@code Sport}, laps' totals,
 * trackpoints ({@code Time}, {@code Position}, {@code AltitudeMeters}, {@code DistanceMeters},
 * {@code HeartRateBpm/Value}, {@code Cadence}, and the ActivityExtension's {@code RunCadence} and
 * {@code Watts}) and the device's maker from {@code Creator/Name}. Courses are not activities.
 */
public final class TcxReader {

    private final SafeXmlWalker walker;
    private final int maxSamples;

    public TcxReader(int maxXmlDepth, int maxSamples) {
        this.walker = new SafeXmlWalker(maxXmlDepth);
        this.maxSamples = maxSamples;
    }

    public FileReading read(InputStream in) throws IOException {
        TcxHandler handler = new TcxHandler(maxSamples);
        Optional<FileReading.Unreadable> failure = walker.walk(in, handler);
        if (failure.isPresent()) {
            return failure.get();
        }
        if (!handler.sawRoot) {
            return new FileReading.Unreadable("unsupported", "not a TCX file: its root is not TrainingCenterDatabase");
        }
        ActivityKind kind = kind(handler.sport);
        List<RecordedSample> samples = new ArrayList<>(handler.points.size());
        for (TrackPoint point : handler.points) {
            point.toSample(kind.run()).ifPresent(samples::add);
        }
        if (samples.isEmpty()) {
            return new FileReading.Unreadable("empty", "the TCX file has no timed trackpoints");
        }
        OptionalDouble stated = handler.laps > 0 && handler.lapsWithDistance == handler.laps
                ? OptionalDouble.of(handler.lapDistanceM)
                : OptionalDouble.empty();
        return new FileReading.Read(Recordings.of(kind, handler.maker, Optional.empty(), samples, stated));
    }

    /** TCX knows {@code Running}, {@code Biking} and {@code Other}; only the first is a run. */
    static ActivityKind kind(Optional<String> sport) {
        String name = sport.map(s -> s.toLowerCase(Locale.ROOT)).orElse("unknown");
        return name.equals("running") ? ActivityKind.running(name) : ActivityKind.other(name);
    }

    private static final class TcxHandler implements SafeXmlWalker.Handler {
        private final int maxSamples;
        private final List<TrackPoint> points = new ArrayList<>();
        private TrackPoint point;
        private boolean sawRoot;
        private int activities;
        private Optional<String> sport = Optional.empty();
        private Optional<String> maker = Optional.empty();
        private int laps;
        private int lapsWithDistance;
        private double lapDistanceM;
        private Optional<FileReading.Unreadable> failure = Optional.empty();

        TcxHandler(int maxSamples) {
            this.maxSamples = maxSamples;
        }

        @Override
        public void start(List<String> path, XMLStreamReader reader) {
            String element = path.get(path.size() - 1);
            if (path.size() == 1) {
                if (!element.equals("TrainingCenterDatabase")) {
                    failure = Optional.of(new FileReading.Unreadable(
                            "unsupported", "not a TCX file: its root is not TrainingCenterDatabase"));
                }
                sawRoot = true;
                return;
            }
            if (element.equals("Activity") && parent(path).equals("Activities")) {
                activities++;
                if (activities == 1) {
                    String value = reader.getAttributeValue(null, "Sport");
                    sport = value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
                }
            } else if (inFirstActivity(path) && element.equals("Lap")) {
                laps++;
            } else if (inFirstActivity(path) && element.equals("Trackpoint")) {
                point = new TrackPoint();
            }
        }

        @Override
        public void end(List<String> path, String text) {
            if (!inFirstActivity(path)) {
                return;
            }
            String element = path.get(path.size() - 1);
            String parent = parent(path);
            if (point != null) {
                if (element.equals("Trackpoint")) {
                    points.add(point);
                    point = null;
                    if (points.size() > maxSamples) {
                        failure = Optional.of(new FileReading.Unreadable(
                                "too_large", "the file has more than " + maxSamples + " trackpoints"));
                    }
                } else {
                    readPointValue(element, parent, text);
                }
                return;
            }
            switch (parent + "/" + element) {
                case "Lap/DistanceMeters" -> {
                    double distance = TrackPoint.number(text);
                    if (!Double.isNaN(distance)) {
                        lapDistanceM += distance;
                        lapsWithDistance++;
                    }
                }
                case "Creator/Name" -> maker = maker.or(() -> DeviceMakers.recognise(text));
                default -> {
                    // Id, Lap totals FitSync computes itself, Notes, ...
                }
            }
        }

        private void readPointValue(String element, String parent, String text) {
            switch (parent + "/" + element) {
                case "Trackpoint/Time" -> point.time = TrackPoint.time(text).orElse(null);
                case "Position/LatitudeDegrees" -> point.lat = TrackPoint.number(text);
                case "Position/LongitudeDegrees" -> point.lon = TrackPoint.number(text);
                case "Trackpoint/AltitudeMeters" -> point.elevationM = TrackPoint.number(text);
                case "Trackpoint/DistanceMeters" -> point.distanceM = TrackPoint.number(text);
                case "HeartRateBpm/Value" -> point.heartRate = TrackPoint.number(text);
                // A run's Cadence and RunCadence are per foot (strides a minute), as Garmin writes them;
                // RunCadence wins when both are there. A ride's Cadence is rpm and stays so.
                case "Trackpoint/Cadence" -> {
                    if (Double.isNaN(point.cadencePerFoot)) {
                        point.cadencePerFoot = TrackPoint.number(text);
                    }
                }
                case "TPX/RunCadence" -> point.cadencePerFoot = TrackPoint.number(text);
                case "TPX/Watts" -> point.powerW = TrackPoint.number(text);
                default -> {
                    // SensorState, Speed, ...
                }
            }
        }

        @Override
        public Optional<FileReading.Unreadable> failure() {
            return failure;
        }

        /** Inside the first Activity (TrainingCenterDatabase/Activities/Activity/...). */
        private boolean inFirstActivity(List<String> path) {
            return activities == 1
                    && path.size() >= 3
                    && path.get(1).equals("Activities")
                    && path.get(2).equals("Activity");
        }

        private static String parent(List<String> path) {
            return path.size() < 2 ? "" : path.get(path.size() - 2);
        }
    }
}
