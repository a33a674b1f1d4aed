package org.fitsync.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.fitsync.app.run.RunBodies.run;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.fitsync.app.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/runs/{id}/track as JSON (exact round trip) and as GPX 1.1 (schema-valid). */
class RunsTrackHttpTest {

    private static TestServer server;
    private static Schema gpxSchema;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        gpxSchema = factory.newSchema(new StreamSource(
                RunsTrackHttpTest.class.getResource("/xsd/gpx-1.1.xsd").toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void trackRoundTripsExactly() {
        String token = server.token("track-alice");
        UUID id = UUID.randomUUID();
        // Doubles in shortest form (how every JSON library prints them), up to 17 significant digits, tiny and negative
        // values, nulls, the poles.
        String points = "[[1795158000000,52.52001,13.40495,34.2],"
                + "[1795158001000,52.52003123456789,0.30000000000000004,null],"
                + "[1795158001000,-33.8688,151.2093,-0.5],"
                + "[1795158002500,1.0E-7,-1.0E-7,8848.86],"
                + "[1795158003000,90.0,180.0,null],"
                + "[1795158004000,-90.0,-180.0,0.0]]";
        String body = "{\"id\":\"" + id + "\",\"started_at\":\"2026-11-20T07:00:00Z\","
                + "\"ended_at\":\"2026-11-20T07:45:10Z\",\"duration_s\":2710,\"distance_m\":10012.5,"
                + "\"source\":\"phone\",\"track\":" + points + "}";
        TestServer.Response created = server.post("/api/v1/runs", token, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("point_count").asInt()).isEqualTo(6);

        TestServer.Response track = server.get("/api/v1/runs/" + id + "/track", token);
        assertThat(track.status()).isEqualTo(200);
        assertThat(track.header("Content-Type")).startsWith("application/json");
        assertThat(track.body()).isEqualTo("{\"points\":" + points + "}");
    }

    @Test
    void aRunWithoutTrackHasNoPoints() {
        String token = server.token("track-bob");
        UUID id = UUID.randomUUID();
        TestServer.Response created =
                server.post("/api/v1/runs", token, RunBodies.without(run(id, 0, 30, "manual"), "track"));
        assertThat(created.json().path("point_count").asInt()).isZero();
        assertThat(created.json().path("polyline").asText()).isEmpty();
        assertThat(server.get("/api/v1/runs/" + id + "/track", token).body()).isEqualTo("{\"points\":[]}");
        assertThat(gpx(token, id)).contains("<trkseg></trkseg>");
    }

    @Test
    void gpxValidatesAgainstTheGpx11Schema() {
        String token = server.token("track-carol");
        UUID id = UUID.randomUUID();
        Map<String, Object> body = run(id, 0, 45, "garmin");
        List<List<Object>> track = RunBodies.track(RunBodies.DAY, 600);
        // Values that naive number printing would break: exponents, lon 180 (excluded by GPX), -0.0.
        track.set(1, java.util.Arrays.asList(RunBodies.DAY.toEpochMilli() + 1000, 1.0E-7, 180.0, -0.0));
        track.set(2, java.util.Arrays.asList(RunBodies.DAY.toEpochMilli() + 2000, -90.0, -1.0E-7, 1.0E-9));
        assertThat(server.post("/api/v1/runs", token, RunBodies.with(body, "track", track))
                        .status())
                .isEqualTo(201);

        String gpx = gpx(token, id);
        assertThatCode(() -> gpxSchema.newValidator().validate(new StreamSource(new StringReader(gpx))))
                .doesNotThrowAnyException();
        assertThat(gpx)
                .contains("version=\"1.1\"")
                .contains("xmlns=\"http://www.topografix.com/GPX/1/1\"")
                .contains("<trkpt lat=\"52.52001\" lon=\"13.40495\">")
                .contains("<time>2026-11-20T07:00:01Z</time>");
        assertThat(gpx.split("<trkpt ", -1)).hasSize(601);
    }

    @Test
    void theSchemaRejectsAnInvalidDocument() {
        String broken = "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\" version=\"1.1\" creator=\"x\">"
                + "<trk><trkseg><trkpt lat=\"1.0E-7\" lon=\"180\"/></trkseg></trk></gpx>";
        assertThatCode(() -> gpxSchema.newValidator().validate(new StreamSource(new StringReader(broken))))
                .isInstanceOf(org.xml.sax.SAXException.class);
    }

    private static String gpx(String token, UUID id) {
        TestServer.Response response = server.send(server.request("/api/v1/runs/" + id + "/track", token)
                .header("Accept", "application/gpx+xml")
                .GET()
                .build());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/gpx+xml");
        return response.body();
    }
}
