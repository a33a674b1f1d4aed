package org.fitsync.adapter.files;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import org.fitsync.domain.files.ActivityKind;
import org.fitsync.domain.files.ActivityRecording;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileReading;
import org.fitsync.domain.files.RecordedSample;
import org.junit.jupiter.api.Test;

/** GPX and TCX variants the samples do not cover: other versions, sports, extensions and orders. */
class XmlActivityFilesTest {

    private final ActivityFileReader reader = new ActivityFileReader();

    @Test
    void aGpx10FileWithStravasNumericRunType() throws IOException {
        String gpx = """
                <?xml version="1.0" encoding="UTF-8"?>
                <gpx version="1.0" creator="StravaGPX" xmlns="http://www.topografix.com/GPX/1/0">
                  <name>Morning Run</name>
                  <time>2024-03-01T07:00:00Z</time>
                  <trk><name>Track</name><type>9</type><trkseg>
                    <trkpt lat="48.1" lon="11.5"><ele>520.4</ele><time>2024-03-01T07:00:05Z</time></trkpt>
                    <trkpt lat="48.1001" lon="11.5002"><ele>521</ele><time>2024-03-01T07:01:05Z</time></trkpt>
                  </trkseg></trk>
                </gpx>
                """;

        ActivityRecording run = read(gpx, FileFormat.GPX);

        assertThat(run.kind().run()).isTrue();
        assertThat(run.name()).contains("Morning Run");
        assertThat(run.start()).isEqualTo(Instant.parse("2024-03-01T07:00:05Z"));
        assertThat(run.elapsedS()).isEqualTo(60);
        assertThat(run.samples()).hasSize(2);
        assertThat(run.samples().get(0).elevationM().getAsDouble()).isEqualTo(520.4);
    }

    @Test
    void aGpxRideIsAnotherSportAndTrackPointExtensionV2IsRead() throws IOException {
        String gpx = """
                <gpx version="1.1" creator="Garmin Connect" xmlns="http://www.topografix.com/GPX/1/1"
                     xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">
                  <metadata><name>Commute</name><time>2024-03-02T08:00:00Z</time></metadata>
                  <trk><type>cycling</type><trkseg>
                    <trkpt lat="48.1" lon="11.5"><time>2024-03-02T08:00:00Z</time>
                      <extensions><ns3:TrackPointExtension><ns3:hr>131</ns3:hr><ns3:cad>90</ns3:cad></ns3:TrackPointExtension></extensions>
                    </trkpt>
                  </trkseg></trk>
                </gpx>
                """;

        ActivityRecording ride = read(gpx, FileFormat.GPX);

        assertThat(ride.kind().run()).isFalse();
        assertThat(ride.kind().sport()).isEqualTo("cycling");
        assertThat(ride.manufacturer()).contains("garmin");
        assertThat(ride.name()).contains("Commute");
        assertThat(ride.samples().get(0).heartRate().getAsDouble()).isEqualTo(131);
        assertThat(ride.samples().get(0).cadence().getAsDouble()).isEqualTo(90); // rpm, not doubled
    }

    @Test
    void gpxPointsOutOfOrderAreSortedAndUntimedOnesDropped() throws IOException {
        String gpx = """
                <gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
                  <trkpt lat="1" lon="1"><time>2024-03-03T10:00:10Z</time></trkpt>
                  <trkpt lat="2" lon="2"><time>2024-03-03T10:00:00Z</time></trkpt>
                  <trkpt lat="3" lon="3"></trkpt>
                  <trkpt lat="400" lon="3"><time>2024-03-03T10:00:05+00:00</time></trkpt>
                </trkseg></trk></gpx>
                """;

        ActivityRecording run = read(gpx, FileFormat.GPX);

        assertThat(run.samples()).extracting(RecordedSample::epochMs).isSorted().hasSize(3);
        assertThat(run.samples().get(1).hasPosition()).isFalse(); // latitude 400 is no position
        assertThat(run.elapsedS()).isEqualTo(10);
    }

    @Test
    void theDeclaredEncodingAndAByteOrderMarkAreHonoured() throws IOException {
        String gpx = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<gpx version=\"1.1\"><metadata>"
                + "<name>Lauf am M\u00fcggelsee</name></metadata><trk><trkseg><trkpt lat=\"1\" lon=\"1\">"
                + "<time>2024-03-03T10:00:00Z</time></trkpt></trkseg></trk></gpx>";
        FileReading latin1 = reader.read(new ByteArrayInputStream(gpx.getBytes(ISO_8859_1)), FileFormat.GPX);
        assertThat(((FileReading.Read) latin1).recording().name()).contains("Lauf am M\u00fcggelsee");

        byte[] utf8 = gpx.replace("ISO-8859-1", "UTF-8").getBytes(UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        FileReading bom = reader.read(new ByteArrayInputStream(withBom), FileFormat.GPX);
        assertThat(((FileReading.Read) bom).recording().name()).contains("Lauf am M\u00fcggelsee");
    }

    @Test
    void aGpxRouteWithoutTimesIsEmpty() throws IOException {
        String gpx = "<gpx version=\"1.1\"><rte><rtept lat=\"1\" lon=\"1\"/></rte></gpx>";
        assertThat(reader.read(stream(gpx), FileFormat.GPX))
                .isInstanceOfSatisfying(
                        FileReading.Unreadable.class, u -> assertThat(u.type()).isEqualTo("empty"));
    }

    @Test
    void aGarminTcxRunWithRunCadenceWattsAndItsCreator() throws IOException {
        String tcx = """
                <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
                    xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
                  <Activities><Activity Sport="Running"><Id>2024-03-04T06:00:00.000Z</Id>
                    <Lap StartTime="2024-03-04T06:00:00.000Z"><TotalTimeSeconds>60</TotalTimeSeconds><DistanceMeters>180.5</DistanceMeters>
                      <Track>
                        <Trackpoint><Time>2024-03-04T06:00:00.000Z</Time>
                          <Position><LatitudeDegrees>47.0</LatitudeDegrees><LongitudeDegrees>8.0</LongitudeDegrees></Position>
                          <AltitudeMeters>410.2</AltitudeMeters><DistanceMeters>0.0</DistanceMeters>
                          <HeartRateBpm><Value>140</Value></HeartRateBpm>
                          <Extensions><ns3:TPX><ns3:Speed>3.0</ns3:Speed><ns3:RunCadence>88</ns3:RunCadence><ns3:Watts>250</ns3:Watts></ns3:TPX></Extensions>
                        </Trackpoint>
                        <Trackpoint><Time>2024-03-04T06:01:00.000Z</Time><DistanceMeters>180.0</DistanceMeters></Trackpoint>
                      </Track>
                    </Lap>
                    <Lap StartTime="2024-03-04T06:01:00.000Z"><TotalTimeSeconds>1</TotalTimeSeconds><DistanceMeters>0.5</DistanceMeters></Lap>
                    <Creator><Name>Forerunner 265</Name></Creator>
                  </Activity>
                  <Activity Sport="Biking"><Lap><Track><Trackpoint><Time>2024-03-05T06:00:00Z</Time></Trackpoint></Track></Lap></Activity>
                  </Activities>
                </TrainingCenterDatabase>
                """;

        ActivityRecording run = read(tcx, FileFormat.TCX);

        assertThat(run.kind().run()).isTrue();
        assertThat(run.manufacturer()).contains("garmin");
        assertThat(run.samples()).hasSize(2); // the second activity is not read
        assertThat(run.distanceM().getAsDouble()).isEqualTo(181.0); // the laps' stated totals
        assertThat(run.elapsedS()).isEqualTo(60);
        RecordedSample first = run.samples().get(0);
        assertThat(first.lat().getAsDouble()).isEqualTo(47.0);
        assertThat(first.elevationM().getAsDouble()).isEqualTo(410.2);
        assertThat(first.heartRate().getAsDouble()).isEqualTo(140);
        assertThat(first.cadence().getAsDouble()).isEqualTo(176);
        assertThat(first.powerW().getAsDouble()).isEqualTo(250);
        assertThat(run.samples().get(1).hasPosition()).isFalse();
    }

    @Test
    void aTcxRideIsAnotherSportAndWithoutLapTotalsTheLastDistanceCounts() throws IOException {
        String tcx = """
                <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
                  <Activities><Activity Sport="Biking"><Lap><Track>
                    <Trackpoint><Time>2024-03-06T06:00:00Z</Time><DistanceMeters>0</DistanceMeters><Cadence>92</Cadence></Trackpoint>
                    <Trackpoint><Time>2024-03-06T06:00:30Z</Time><DistanceMeters>250.0</DistanceMeters></Trackpoint>
                  </Track></Lap></Activity></Activities>
                </TrainingCenterDatabase>
                """;

        ActivityRecording ride = read(tcx, FileFormat.TCX);

        assertThat(ride.kind()).isEqualTo(ActivityKind.other("biking"));
        assertThat(ride.distanceM().getAsDouble()).isEqualTo(250.0);
        assertThat(ride.samples().get(0).cadence().getAsDouble()).isEqualTo(92);
    }

    private ActivityRecording read(String xml, FileFormat format) throws IOException {
        FileReading reading = reader.read(stream(xml), format);
        assertThat(reading).isInstanceOf(FileReading.Read.class);
        return ((FileReading.Read) reading).recording();
    }

    private static ByteArrayInputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(UTF_8));
    }
}
