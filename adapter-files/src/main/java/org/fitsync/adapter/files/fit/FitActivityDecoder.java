package org.fitsync.adapter.files.fit;

import static org.fitsync.adapter.files.fit.FitProfile.FIELD_TIMESTAMP;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.fitsync.domain.files.ActivityKind;
import org.fitsync.domain.files.ActivityRecording;
import org.fitsync.domain.files.FileReading;
import org.fitsync.domain.files.RecordedSample;

/**
 * Decodes the activity in a FIT file: its header and CRCs, definition and data messages (both
 * architectures, compressed timestamp headers, developer fields skipped by their declared size), and of
 * the messages file_id, session, sport and record. Every other message is stepped over. Sizes are only
 * ever compared with the bytes present, never used to allocate.
 *
 * <p>Garmin's FIT SDK is not used: its licence does not allow FitSync to redistribute it.
 */
public final class FitActivityDecoder {

    private static final int MIN_HEADER = 12;
    private static final int LOCAL_TYPES = 16;

    private final byte[] data;
    private final int maxSamples;
    private final MessageDefinition[] definitions = new MessageDefinition[LOCAL_TYPES];
    private final List<RawRecord> records = new ArrayList<>();
    private final List<RawSession> sessions = new ArrayList<>();
    private long lastTimestamp = -1;
    private int fileType = -1;
    private int manufacturer = -1;
    private int sportMessageSport = -1;
    private int sportMessageSubSport = -1;

    private FitActivityDecoder(byte[] data, int maxSamples) {
        this.data = data;
        this.maxSamples = maxSamples;
    }

    /** Decodes {@code data}, a whole FIT file; the first FIT file when several are chained. */
    public static FileReading decode(byte[] data, int maxSamples) {
        return new FitActivityDecoder(data, maxSamples).decode();
    }

    private FileReading decode() {
        if (data.length == 0) {
            return new FileReading.Unreadable("empty", "the file is empty");
        }
        int headerSize = data[0] & 0xFF;
        if (data.length < MIN_HEADER || data.length < headerSize) {
            return new FileReading.Unreadable("truncated", "the FIT file ends inside its header");
        }
        if (data[8] != '.' || data[9] != 'F' || data[10] != 'I' || data[11] != 'T') {
            return new FileReading.Unreadable("corrupt", "not a FIT file: the header has no .FIT signature");
        }
        if (headerSize != 12 && headerSize != 14) {
            return new FileReading.Unreadable("corrupt", "the FIT header has an unknown size of " + headerSize);
        }
        if (headerSize == 14) {
            int stated = u16le(12);
            if (stated != 0 && stated != FitCrc.of(data, 0, 12)) {
                return new FileReading.Unreadable("corrupt", "the FIT header's CRC does not match");
            }
        }
        long dataSize = u32le(4);
        long declaredEnd = headerSize + dataSize + 2;
        if (declaredEnd > data.length) {
            return new FileReading.Unreadable(
                    "truncated",
                    "the FIT header declares " + dataSize + " bytes of data, the file holds "
                            + Math.max(0, data.length - headerSize - 2));
        }
        int dataEnd = headerSize + (int) dataSize;
        if (u16le(dataEnd) != FitCrc.of(data, 0, dataEnd)) {
            return new FileReading.Unreadable("corrupt", "the FIT file's CRC does not match its content");
        }
        Optional<FileReading.Unreadable> failure = readMessages(headerSize, dataEnd);
        if (failure.isPresent()) {
            return failure.get();
        }
        return assemble();
    }

    private Optional<FileReading.Unreadable> readMessages(int from, int dataEnd) {
        int pos = from;
        while (pos < dataEnd) {
            int header = data[pos++] & 0xFF;
            if ((header & 0x80) != 0) {
                // Compressed timestamp header: a data message whose time is the last full timestamp with
                // its low five bits replaced (rolling over when the offset is smaller than them).
                int local = (header >> 5) & 0x03;
                int offset = header & 0x1F;
                Long time = null;
                if (lastTimestamp >= 0) {
                    long base = lastTimestamp & ~0x1FL;
                    long candidate = base + offset;
                    time = candidate >= lastTimestamp ? candidate : candidate + 0x20;
                    lastTimestamp = time;
                }
                Optional<Integer> next = readData(pos, dataEnd, local, time);
                if (next.isEmpty()) {
                    return Optional.of(messageFailure(local));
                }
                pos = next.get();
            } else if ((header & 0x40) != 0) {
                int next = readDefinition(pos, dataEnd, header & 0x0F, (header & 0x20) != 0);
                if (next < 0) {
                    return Optional.of(new FileReading.Unreadable(
                            "corrupt", "a FIT definition message runs past the end of the data"));
                }
                pos = next;
            } else {
                int local = header & 0x0F;
                Optional<Integer> next = readData(pos, dataEnd, local, null);
                if (next.isEmpty()) {
                    return Optional.of(messageFailure(local));
                }
                pos = next.get();
            }
            if (records.size() > maxSamples) {
                return Optional.of(
                        new FileReading.Unreadable("too_large", "the file has more than " + maxSamples + " samples"));
            }
        }
        return Optional.empty();
    }

    private FileReading.Unreadable messageFailure(int local) {
        if (definitions[local] == null) {
            return new FileReading.Unreadable(
                    "corrupt", "a FIT data message uses local type " + local + " before its definition");
        }
        return new FileReading.Unreadable("corrupt", "a FIT data message runs past the end of the data");
    }

    /** Answers the position after the definition, or -1 when it does not fit in the data. */
    private int readDefinition(int pos, int dataEnd, int local, boolean developerFields) {
        if (pos + 5 > dataEnd) {
            return -1;
        }
        boolean bigEndian = data[pos + 1] == 1;
        int global = bigEndian ? u16be(pos + 2) : u16le(pos + 2);
        int fieldCount = data[pos + 4] & 0xFF;
        int cursor = pos + 5;
        if (cursor + 3 * fieldCount > dataEnd) {
            return -1;
        }
        int[] numbers = new int[fieldCount];
        int[] sizes = new int[fieldCount];
        int[] types = new int[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            numbers[i] = data[cursor] & 0xFF;
            sizes[i] = data[cursor + 1] & 0xFF;
            types[i] = data[cursor + 2] & 0xFF;
            cursor += 3;
        }
        int developerBytes = 0;
        if (developerFields) {
            if (cursor + 1 > dataEnd) {
                return -1;
            }
            int developerCount = data[cursor++] & 0xFF;
            if (cursor + 3 * developerCount > dataEnd) {
                return -1;
            }
            for (int i = 0; i < developerCount; i++) {
                developerBytes += data[cursor + 1] & 0xFF; // skipped: FitSync reads no developer field
                cursor += 3;
            }
        }
        definitions[local] = new MessageDefinition(global, bigEndian, numbers, sizes, types, developerBytes);
        return cursor;
    }

    /** Answers the position after the message, or empty when it is undefined or does not fit. */
    private Optional<Integer> readData(int pos, int dataEnd, int local, Long compressedTime) {
        MessageDefinition definition = definitions[local];
        if (definition == null || pos + definition.size() > dataEnd) {
            return Optional.empty();
        }
        MessageValues values = new MessageValues(definition, pos);
        double timestamp = values.get(FIELD_TIMESTAMP);
        if (!Double.isNaN(timestamp)) {
            lastTimestamp = (long) timestamp;
        } else if (compressedTime != null) {
            timestamp = compressedTime;
        }
        switch (definition.global()) {
            case FitProfile.MESG_FILE_ID -> readFileId(values);
            case FitProfile.MESG_SESSION -> sessions.add(RawSession.of(values));
            case FitProfile.MESG_SPORT -> {
                sportMessageSport = intOr(values.get(FitProfile.SPORT_SPORT), sportMessageSport);
                sportMessageSubSport = intOr(values.get(FitProfile.SPORT_SUB_SPORT), sportMessageSubSport);
            }
            case FitProfile.MESG_RECORD -> {
                if (!Double.isNaN(timestamp)) {
                    records.add(RawRecord.of(values, (long) timestamp));
                }
            }
            default -> {
                // laps, events, devices, ...: not needed for a run
            }
        }
        return Optional.of(pos + definition.size());
    }

    private void readFileId(MessageValues values) {
        fileType = intOr(values.get(FitProfile.FILE_ID_TYPE), fileType);
        manufacturer = intOr(values.get(FitProfile.FILE_ID_MANUFACTURER), manufacturer);
    }

    private FileReading assemble() {
        if (fileType >= 0 && fileType != FitProfile.FILE_TYPE_ACTIVITY) {
            return new FileReading.Unreadable(
                    "unsupported", "the FIT file is of type " + fileType + ", not an activity (4)");
        }
        ActivityKind kind = kind();
        List<RecordedSample> samples = new ArrayList<>(records.size());
        for (RawRecord raw : records) {
            samples.add(raw.toSample(kind.run()));
        }
        samples.sort(Comparator.comparingLong(RecordedSample::epochMs));
        Optional<RawSession> session = sessions.stream().findFirst();
        Optional<Instant> sessionStart = session.flatMap(RawSession::start);
        if (samples.isEmpty() && sessionStart.isEmpty()) {
            return new FileReading.Unreadable("empty", "the FIT file has neither records nor a session start");
        }
        Instant start = samples.isEmpty()
                ? sessionStart.orElseThrow()
                : Instant.ofEpochMilli(samples.get(0).epochMs());
        double elapsed = sessions.stream()
                .mapToDouble(RawSession::elapsedS)
                .filter(v -> !Double.isNaN(v))
                .sum();
        long elapsedS = sessions.stream().anyMatch(s -> !Double.isNaN(s.elapsedS()))
                ? Math.round(elapsed)
                : samples.isEmpty()
                        ? 0
                        : (samples.get(samples.size() - 1).epochMs()
                                        - samples.get(0).epochMs())
                                / 1000;
        return new FileReading.Read(new ActivityRecording(
                kind,
                manufacturer >= 0 ? Optional.of(FitProfile.manufacturer(manufacturer)) : Optional.empty(),
                Optional.empty(),
                start,
                elapsedS,
                distance(samples),
                samples));
    }

    private ActivityKind kind() {
        int sport = sportMessageSport;
        int subSport = sportMessageSubSport;
        if (!sessions.isEmpty()) {
            sport = sessions.get(0).sport();
            subSport = sessions.get(0).subSport();
            for (RawSession s : sessions) {
                if (s.sport() != sport) {
                    return ActivityKind.other("multisport");
                }
            }
        }
        if (sport < 0) {
            return ActivityKind.other("unknown");
        }
        String name = FitProfile.sportName(sport, subSport);
        return sport == FitProfile.SPORT_RUNNING ? ActivityKind.running(name) : ActivityKind.other(name);
    }

    private OptionalDouble distance(List<RecordedSample> samples) {
        double total = 0;
        boolean stated = false;
        for (RawSession s : sessions) {
            if (!Double.isNaN(s.distanceM())) {
                total += s.distanceM();
                stated = true;
            }
        }
        if (stated) {
            return OptionalDouble.of(total);
        }
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).distanceM().isPresent()) {
                return samples.get(i).distanceM();
            }
        }
        return OptionalDouble.empty();
    }

    private static int intOr(double value, int fallback) {
        return Double.isNaN(value) ? fallback : (int) value;
    }

    private int u16le(int at) {
        return (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8;
    }

    private int u16be(int at) {
        return (data[at] & 0xFF) << 8 | (data[at + 1] & 0xFF);
    }

    private long u32le(int at) {
        return (u16le(at) & 0xFFFFL) | ((long) u16le(at + 2)) << 16;
    }

    static Instant instantOf(long fitSeconds) {
        return Instant.ofEpochSecond(fitSeconds + FitProfile.FIT_EPOCH_S);
    }

    /** A definition message: the layout of the data messages of one local type until it is redefined. */
    private static final class MessageDefinition {
        private final int global;
        private final boolean bigEndian;
        private final int[] numbers;
        private final int[] sizes;
        private final int[] types;
        private final int size;

        MessageDefinition(int global, boolean bigEndian, int[] numbers, int[] sizes, int[] types, int developerBytes) {
            this.global = global;
            this.bigEndian = bigEndian;
            this.numbers = numbers;
            this.sizes = sizes;
            this.types = types;
            int total = developerBytes;
            for (int s : sizes) {
                total += s;
            }
            this.size = total;
        }

        int global() {
            return global;
        }

        int size() {
            return size;
        }
    }

    /** The fields of one data message, read on demand by field number. */
    final class MessageValues {
        private final MessageDefinition definition;
        private final int start;

        MessageValues(MessageDefinition definition, int start) {
            this.definition = definition;
            this.start = start;
        }

        /** The field's first value, NaN when the message lacks it or holds its invalid value. */
        double get(int fieldNumber) {
            int offset = start;
            for (int i = 0; i < definition.numbers.length; i++) {
                if (definition.numbers[i] == fieldNumber) {
                    return FitBaseType.read(
                            data, offset, definition.sizes[i], definition.types[i], definition.bigEndian);
                }
                offset += definition.sizes[i];
            }
            return Double.NaN;
        }
    }
}
