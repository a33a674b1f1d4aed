package org.fitsync.adapter.files.archive;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fitsync.domain.imports.ArchiveActivity;

/**
 * Reads a Strava export's {@code activities.csv} (RFC 4180: quoted fields, embedded newlines and quotes).
 * Columns are found by their English header names, as Strava writes them for an English account; an
 * export in another language names them otherwise and is refused (FitSync cannot tell its columns apart).
 * Strava repeats some names: the first {@code Elapsed Time} is whole seconds; of two {@code Distance}
 * columns the first is in kilometres (metres for swims) and the second always in metres, so the second is
 * taken when there are two and a single one is read as kilometres.
 */
final class ActivitiesCsv {

    static final List<String> REQUIRED = List.of("Activity ID", "Activity Date", "Activity Type");

    /** {@code Nov 20, 2026, 7:00:12 AM}, in UTC. */
    private static final DateTimeFormatter STRAVA_DATE =
            DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.ENGLISH);

    private static final DateTimeFormatter ISO_LIKE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** The rows, or what is missing from the header. */
    sealed interface Parsed {
        record Rows(List<ArchiveActivity> activities) implements Parsed {}

        record MissingColumns(List<String> missing) implements Parsed {}
    }

    private ActivitiesCsv() {}

    static Parsed parse(Reader csv, int maxRows) throws IOException {
        try (CSVParser parser = CSVFormat.RFC4180.parse(csv)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                return new Parsed.MissingColumns(REQUIRED);
            }
            Columns columns = new Columns(records.next());
            List<String> missing =
                    REQUIRED.stream().filter(name -> columns.first(name) < 0).toList();
            if (!missing.isEmpty()) {
                return new Parsed.MissingColumns(missing);
            }
            List<ArchiveActivity> rows = new ArrayList<>();
            while (records.hasNext() && rows.size() < maxRows) {
                row(records.next(), columns).ifPresent(rows::add);
            }
            return new Parsed.Rows(rows);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A row without an Activity ID cannot be told from any other activity, so it is left out. */
    private static Optional<ArchiveActivity> row(CSVRecord record, Columns columns) {
        String id = columns.value(record, columns.first("Activity ID"));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        int distanceAt = columns.last("Distance");
        boolean metres = columns.count("Distance") > 1;
        OptionalDouble distance = number(columns.value(record, distanceAt));
        if (distance.isPresent() && !metres) {
            distance = OptionalDouble.of(distance.getAsDouble() * 1000);
        }
        OptionalDouble elapsed = number(columns.value(record, columns.first("Elapsed Time")));
        OptionalDouble moving = number(columns.value(record, columns.last("Moving Time")));
        return Optional.of(new ArchiveActivity(
                id,
                date(columns.value(record, columns.first("Activity Date"))),
                columns.value(record, columns.first("Activity Name")),
                text(columns.value(record, columns.first("Activity Description"))),
                columns.value(record, columns.first("Activity Type")),
                elapsed.isPresent() ? Math.round(elapsed.getAsDouble()) : 0,
                moving.isPresent() ? OptionalLong.of(Math.round(moving.getAsDouble())) : OptionalLong.empty(),
                distance,
                text(columns.value(record, columns.first("Filename")))));
    }

    static Optional<Instant> date(String text) {
        for (DateTimeFormatter format : List.of(STRAVA_DATE, ISO_LIKE)) {
            try {
                return Optional.of(LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                // the next format, or no date
            }
        }
        return Optional.empty();
    }

    private static OptionalDouble number(String text) {
        if (text.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(text.replace(",", ""));
            return Double.isFinite(value) && value >= 0 ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static Optional<String> text(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The header: where each name first and last appears. */
    private static final class Columns {
        private final List<String> names = new ArrayList<>();

        Columns(CSVRecord header) {
            for (String name : header) {
                names.add(names.isEmpty() ? name.replace("\uFEFF", "").trim() : name.trim());
            }
        }

        int first(String name) {
            return names.indexOf(name);
        }

        int last(String name) {
            return names.lastIndexOf(name);
        }

        long count(String name) {
            return names.stream().filter(name::equals).count();
        }

        String value(CSVRecord record, int index) {
            return index >= 0 && index < record.size() ? record.get(index).trim() : "";
        }
    }
}
