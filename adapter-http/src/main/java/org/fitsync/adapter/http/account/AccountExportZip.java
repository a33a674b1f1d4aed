package org.fitsync.adapter.http.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.fitsync.adapter.http.daily.EntryJson;
import org.fitsync.adapter.http.run.GpxWriter;
import org.fitsync.adapter.http.run.RunJsonWriter;
import org.fitsync.domain.coach.CoachLink;
import org.fitsync.domain.daily.DailyEntry;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.ports.in.account.AccountExportSink;

/**
 * The export as one zip, written as it goes: {@code runs/<id>.json} for every run and
 * {@code runs/<id>.gpx} for every run with a track, {@code days.json} and {@code days.csv},
 * {@code coach_links.json}, {@code integrations.json} (never tokens), {@code sync/<collection>.json}. Nothing is held but the entry
 * being written.
 */
final class AccountExportZip implements AccountExportSink, AutoCloseable {

    private static final List<String> CSV_COLUMNS = List.of("date", "steps", "sleep_min", "sleep_quality", "notes");

    private final ZipOutputStream zip;
    private final ObjectMapper mapper;
    private final RunJsonWriter runs;
    private int runCount;

    AccountExportZip(OutputStream out, ObjectMapper mapper) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        this.mapper = mapper;
        this.runs = new RunJsonWriter(mapper);
    }

    int runCount() {
        return runCount;
    }

    @Override
    public void run(StoredRun run, Optional<RunRecording> recording) {
        entry("runs/" + run.id() + ".json", json(runs.run(run)));
        if (recording.isPresent() && !recording.get().track().isEmpty()) {
            entry("runs/" + run.id() + ".gpx", GpxWriter.write(run.id(), recording.get()));
        }
        runCount++;
    }

    @Override
    public void days(List<DailyEntry> days) {
        entry("days.json", json(EntryJson.items(days)));
        StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (DailyEntry day : days) {
            Map<String, Object> row = EntryJson.entry(day);
            for (int i = 0; i < CSV_COLUMNS.size(); i++) {
                Object value = row.get(CSV_COLUMNS.get(i));
                csv.append(i == 0 ? "" : ",").append(value == null ? "" : csvField(value.toString()));
            }
            csv.append("\r\n");
        }
        entry("days.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void coachLinks(List<CoachLink> links) {
        ArrayNode items = mapper.createArrayNode();
        for (CoachLink link : links) {
            items.addObject()
                    .put("client_id", link.client().value())
                    .put("linked_at", link.linkedAt().toString());
        }
        ObjectNode doc = mapper.createObjectNode();
        doc.set("as_coach", items);
        entry("coach_links.json", json(doc));
    }

    @Override
    public void integration(Optional<Integration> integration) {
        ArrayNode items = mapper.createArrayNode();
        integration.ifPresent(connected -> {
            ObjectNode item =
                    items.addObject().put("provider", connected.provider()).put("athlete_id", connected.athleteId());
            ArrayNode scopes = item.putArray("scopes");
            connected.scopes().stream().sorted().forEach(scopes::add);
        });
        ObjectNode doc = mapper.createObjectNode();
        doc.set("items", items);
        entry("integrations.json", json(doc));
    }

    /** A file spooled beforehand (the sync records), copied in as it is. */
    void file(String name, Path file) {
        try {
            zip.putNextEntry(new ZipEntry(name));
            Files.copy(file, zip);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled. */
    static String csvField(String value) {
        if (value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private byte[] json(Object value) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void entry(String name, byte[] bytes) {
        try {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(bytes);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        zip.finish();
        zip.flush();
    }
}
