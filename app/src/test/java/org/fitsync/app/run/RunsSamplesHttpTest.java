package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.fitsync.app.run.RunBodies.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A run's samples (heart rate, cadence, power, temperature, distance) through the API and PostgreSQL:
 * stored and served exactly, refused field by field, exported in GPX and TCX.
 */
class RunsSamplesHttpTest {

    private static final String TCX = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2";
    private static final String TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void samplesRoundTripExactlyBesideThePoints() {
        String token = server.token("samples-alice");
        UUID id = UUID.randomUUID();
        String samples = "{\"time\":[1795158000000,1795158001000,1795158002000,1795158003500],"
                + "\"heart_rate\":[121,null,123,250],"
                + "\"cadence\":[170,171.5,null,0],"
                + "\"power\":[250,251,3000,0],"
                + "\"temperature\":[-5,21,null,70],"
                + "\"distance_m\":[0,2.87,5.912345678901234,1000000]}";
        String points = "[[1795158000000,52.52001,13.40495,34.2],[1795158001000,52.52003,13.40501,null]]";
        String body = "{\"id\":\"" + id + "\",\"started_at\":\"2026-11-20T07:00:00Z\","
                + "\"ended_at\":\"2026-11-20T07:45:10Z\",\"duration_s\":2710,\"distance_m\":10012.5,"
                + "\"source\":\"coros\",\"track\":" + points + ",\"samples\":" + samples + "}";
        TestServer.Response created = server.post("/api/v1/runs", token, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("source").asText()).isEqualTo("coros");

        TestServer.Response track = server.get("/api/v1/runs/" + id + "/track", token);
        assertThat(track.body()).isEqualTo("{\"points\":" + points + ",\"samples\":" + samples + "}");
        // The same body again is the same run; other samples under the same id are another.
        assertThat(server.post("/api/v1/runs", token, body).status()).isEqualTo(200);
        assertThat(server.post("/api/v1/runs", token, body.replace("[121,", "[122,"))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aTreadmillRunHasSamplesAndNoTrack() {
        String token = server.token("samples-bob");
        UUID id = UUID.randomUUID();
        Map<String, Object> body =
                RunBodies.with(RunBodies.without(run(id, 0, 30, "polar"), "track"), "samples", samples(1800, 0));
        TestServer.Response created = server.post("/api/v1/runs", token, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("point_count").asInt()).isZero();

        JsonNode track = server.get("/api/v1/runs/" + id + "/track", token).json();
        assertThat(track.path("points")).isEmpty();
        assertThat(track.path("samples").path("time")).hasSize(1800);
        assertThat(track.path("samples").path("heart_rate").get(17).asInt()).isEqualTo(147);

        Document tcx = tcx(token, id);
        assertThat(tcx.getElementsByTagNameNS(TCX, "Trackpoint").getLength()).isEqualTo(1800);
        assertThat(tcx.getElementsByTagNameNS(TCX, "Position").getLength()).isZero();
    }

    @Test
    void badSamplesAreRefusedFieldByFieldAndNothingIsStored() {
        String token = server.token("samples-carol");
        Map<String, List<Object>> samples = samples(20, 0);
        samples.get("heart_rate").set(17, 400);
        samples.get("cadence").set(3, "fast");
        samples.put("power", list(1, 2, 3));
        samples.put("speed", list(1));
        samples.get("time").set(5, samples.get("time").get(4));
        TestServer.Response refused = server.post(
                "/api/v1/runs", token, RunBodies.with(run(UUID.randomUUID(), 0, 30, "garmin"), "samples", samples));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        refused.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "samples.cadence[3]",
                        "samples.power",
                        "samples.speed",
                        "samples.time[5]",
                        "samples.heart_rate[17]");
        assertThat(RunBodies.storedRuns(server.ownerDataSource(), "samples-carol"))
                .isZero();
    }

    @Test
    void gpxCarriesHeartRateAndCadenceAndTcxTheWholeRun() throws Exception {
        String token = server.token("samples-dave");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = RunBodies.with(run(id, 0, 10, "wahoo"), "samples", samples(600, 0));
        assertThat(server.post("/api/v1/runs", token, body).status()).isEqualTo(201);

        String gpx = server.send(server.request("/api/v1/runs/" + id + "/track", token)
                        .header("Accept", "application/gpx+xml")
                        .GET()
                        .build())
                .body();
        Document gpxDoc = parse(gpx);
        NodeList hr = gpxDoc.getElementsByTagNameNS(TPX, "hr");
        NodeList cad = gpxDoc.getElementsByTagNameNS(TPX, "cad");
        assertThat(hr.getLength()).isEqualTo(600);
        assertThat(hr.item(17).getTextContent()).isEqualTo("147");
        // 171.5 steps a minute are 86 strides (one foot) a minute.
        assertThat(cad.item(1).getTextContent()).isEqualTo("86");
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(
                        getClass().getResource("/xsd/gpx-1.1.xsd").toString()));
        assertThatCode(() -> schema.newValidator().validate(new StreamSource(new StringReader(gpx))))
                .doesNotThrowAnyException();

        Document tcx = tcx(token, id);
        Element activity = (Element) tcx.getElementsByTagNameNS(TCX, "Activity").item(0);
        assertThat(activity.getAttribute("Sport")).isEqualTo("Running");
        Element lap = (Element) activity.getElementsByTagNameNS(TCX, "Lap").item(0);
        assertThat(childNames(lap))
                .containsExactly(
                        "TotalTimeSeconds", "DistanceMeters", "Calories", "Intensity", "TriggerMethod", "Track");
        assertThat(text(lap, "TotalTimeSeconds")).isEqualTo("590");
        assertThat(Double.parseDouble(text(lap, "DistanceMeters"))).isEqualTo(1505.0);
        NodeList trackpoints = tcx.getElementsByTagNameNS(TCX, "Trackpoint");
        assertThat(trackpoints.getLength()).isEqualTo(600);
        Element point = (Element) trackpoints.item(17);
        assertThat(childNames(point))
                .containsExactly("Time", "Position", "AltitudeMeters", "DistanceMeters", "HeartRateBpm", "Cadence");
        assertThat(text(point, "Value")).isEqualTo("147");
        Element last = (Element) trackpoints.item(599);
        assertThat(Double.parseDouble(text(last, "DistanceMeters"))).isEqualTo(599 * 2.51);
    }

    /**
     * {@code n} samples a second from {@link RunBodies#DAY} plus {@code startMinute}: heart rate 130 + i % 40,
     * cadence alternating 171.5 and 172, distance 2.51 m a second.
     */
    private static Map<String, List<Object>> samples(int n, int startMinute) {
        List<Object> time = new ArrayList<>();
        List<Object> heartRate = new ArrayList<>();
        List<Object> cadence = new ArrayList<>();
        List<Object> distance = new ArrayList<>();
        long start = RunBodies.DAY.toEpochMilli() + 60_000L * startMinute;
        for (int i = 0; i < n; i++) {
            time.add(start + 1000L * i);
            heartRate.add(130 + i % 40);
            cadence.add(i % 2 == 1 ? 171.5 : 172);
            distance.add(i * 2.51);
        }
        Map<String, List<Object>> samples = new LinkedHashMap<>();
        samples.put("time", time);
        samples.put("heart_rate", heartRate);
        samples.put("cadence", cadence);
        samples.put("distance_m", distance);
        return samples;
    }

    private static Document tcx(String token, UUID id) {
        TestServer.Response response = server.send(server.request("/api/v1/runs/" + id + "/track", token)
                .header("Accept", "application/vnd.garmin.tcx+xml")
                .GET()
                .build());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/vnd.garmin.tcx+xml");
        return parse(response.body());
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML", e);
        }
    }

    private static List<String> childNames(Element element) {
        List<String> names = new ArrayList<>();
        for (var child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                names.add(e.getLocalName());
            }
        }
        return names;
    }

    private static String text(Element element, String name) {
        return element.getElementsByTagNameNS(TCX, name).item(0).getTextContent();
    }

    static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }
}
