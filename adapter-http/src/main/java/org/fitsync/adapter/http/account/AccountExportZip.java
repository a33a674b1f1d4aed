package org.fitsync.adapter.http.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepRecord;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.run.RunRecording;
import org.fitsync.domain.run.StoredRun;
import org.fitsync.ports.in.account.AccountExportSink;
import org.fitsync.ports.out.account.WriteExportArchivePort;

/**
 * The export as one zip, written as it goes: {@code runs/<id>.json} for every run and
 * {@code runs/<id>.gpx} for every run with a track, {@code originals/<file id>.<ext>} for every run
 * made of an uploaded file, {@code days.json} and {@code days.csv}, {@code sleep.json} and
 * {@code sleep.csv}, {@code coach_links.json}, {@code integrations.json} (never tokens),
 * {@code sync/<collection>.json}. Nothing is held but the entry being written (and the days).
 */
final class AccountExportZip implements AccountExportSink, AutoCloseable {

    private static final List<String> CSV_COLUMNS = List.of("date", "steps", "sleep_min", "sleep_quality", "notes");
    private static final List<String> SLEEP_COLUMNS =
            List.of("date", "source", "start", "end", "total_min", "deep_min", "light_min", "rem_min", "awake_min");

    private final ZipOutputStream zip;
    private final ObjectMapper mapper;
    private final RunJsonWriter runs;
    private final WriteExportArchivePort.RunWritten progress;
    private int runCount;

    /** {@code progress} hears of each run once its entries are written. */
    AccountExportZip(OutputStream out, ObjectMapper mapper, WriteExportArchivePort.RunWritten progress) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        this.mapper = mapper;
        this.runs = new RunJsonWriter(mapper);
        this.progress = progress;
    }

    @Override
    public void run(StoredRun run, Optional<RunRecording> recording) {
        entry("runs/" + run.id() + ".json", json(runs.run(run)));
        if (recording.isPresent() && !recording.get().track().isEmpty()) {
            entry("runs/" + run.id() + ".gpx", GpxWriter.write(run.id(), recording.get()));
        }
        runCount++;
        progress.runs(runCount);
    }

    @Override
    public void days(List<DailyEntry> days) {
        entry("days.json", json(EntryJson.items(days)));
        entry("days.csv", csv(CSV_COLUMNS, days.stream().map(EntryJson::entry).toList()));
        sleep(days);
    }

    /** Each device's record of each night, as {@code sleep.json} ({@code items}) and {@code sleep.csv}. */
    private void sleep(List<DailyEntry> days) {
        List<Map<String, Object>> nights = new ArrayList<>();
        for (DailyEntry day : days) {
            day.sleepRecords().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(night -> nights.add(night(day, night.getKey(), night.getValue())));
        }
        entry("sleep.json", json(Map.of("items", nights)));
        entry("sleep.csv", csv(SLEEP_COLUMNS, nights));
    }

    private static Map<String, Object> night(DailyEntry day, DeviceSource source, SleepRecord night) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", day.date().toString());
        json.put("source", source.wireName());
        json.put("start", night.start().toString());
        json.put("end", night.end().toString());
        json.put("total_min", night.totalMin());
        json.put("deep_min", night.stages().deepMin().orElse(null));
        json.put("light_min", night.stages().lightMin().orElse(null));
        json.put("rem_min", night.stages().remMin().orElse(null));
        json.put("awake_min", night.stages().awakeMin().orElse(null));
        return json;
    }

    /** RFC 4180 with CRLF, a header row of {@code columns}, an empty field for a missing value. */
    private static byte[] csv(List<String> columns, List<Map<String, Object>> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append("\r\n");
        for (Map<String, Object> row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                Object value = row.get(columns.get(i));
                csv.append(i == 0 ? "" : ",").append(value == null ? "" : csvField(value.toString()));
            }
            csv.append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void original(StoredRun run, FileId file, String extension, InputStream bytes) {
        try {
            zip.putNextEntry(new ZipEntry("originals/" + file + "." + extension));
            bytes.transferTo(zip);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
