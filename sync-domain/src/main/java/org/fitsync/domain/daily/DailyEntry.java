package org.fitsync.domain.daily;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One user's day: steps, sleep minutes, sleep quality and notes, each a device layer under a manual
 * layer (manual beats device, and nothing a device sends touches the manual layer), the device
 * platforms that ever contributed, and each platform's own record of the night.
 */
public record DailyEntry(
        LocalDate date,
        MetricValue<Integer> steps,
        MetricValue<Integer> sleepMin,
        MetricValue<Integer> sleepQuality,
        MetricValue<String> notes,
        Set<DeviceSource> deviceSources,
        Map<DeviceSource, SleepRecord> sleepRecords) {

    /** The result of merging one device reading into a day. */
    public record Ingested(DailyEntry entry, IngestStatus status) {}

    public DailyEntry {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(sleepMin, "sleepMin");
        Objects.requireNonNull(sleepQuality, "sleepQuality");
        Objects.requireNonNull(notes, "notes");
        deviceSources = Set.copyOf(deviceSources);
        sleepRecords = Map.copyOf(sleepRecords);
    }

    public static DailyEntry empty(LocalDate date) {
        return new DailyEntry(
                date,
                MetricValue.none(),
                MetricValue.none(),
                MetricValue.none(),
                MetricValue.none(),
                Set.of(),
                Map.of());
    }

    public Ingested ingestSteps(DeviceSource source, int count) {
        DailyEntry next = new DailyEntry(
                date,
                steps.withDevice(new DeviceValue<>(count, source)),
                sleepMin,
                sleepQuality,
                notes,
                plus(source),
                sleepRecords);
        return new Ingested(next, steps.isManual() ? IngestStatus.KEPT_MANUAL : IngestStatus.STORED);
    }

    /** The night's total becomes the device's sleep minutes; the detail is kept per platform. */
    public Ingested ingestSleep(DeviceSource source, SleepRecord night) {
        Map<DeviceSource, SleepRecord> records = new EnumMap<>(DeviceSource.class);
        records.putAll(sleepRecords);
        records.put(source, night);
        DailyEntry next = new DailyEntry(
                date,
                steps,
                sleepMin.withDevice(new DeviceValue<>(night.totalMin(), source)),
                sleepQuality,
                notes,
                plus(source),
                records);
        return new Ingested(next, sleepMin.isManual() ? IngestStatus.KEPT_MANUAL : IngestStatus.STORED);
    }

    public DailyEntry edit(ManualEdit edit, ManualAuthor author) {
        return new DailyEntry(
                date,
                steps.edited(edit.steps(), author),
                sleepMin.edited(edit.sleepMin(), author),
                sleepQuality.edited(edit.sleepQuality(), author),
                notes.edited(edit.notes(), author),
                deviceSources,
                sleepRecords);
    }

    /** The fields whose shown value is manual, in a stable order. */
    public List<Metric> manualFields() {
        List<Metric> fields = new ArrayList<>();
        if (steps.isManual()) {
            fields.add(Metric.STEPS);
        }
        if (sleepMin.isManual()) {
            fields.add(Metric.SLEEP_MIN);
        }
        if (sleepQuality.isManual()) {
            fields.add(Metric.SLEEP_QUALITY);
        }
        if (notes.isManual()) {
            fields.add(Metric.NOTES);
        }
        return fields;
    }

    /** Coaches' corrections among the manual values, by field. */
    public Map<Metric, ManualValue<?>> corrections() {
        Map<Metric, ManualValue<?>> corrections = new EnumMap<>(Metric.class);
        steps.manual().filter(m -> m.correctedBy().isPresent()).ifPresent(m -> corrections.put(Metric.STEPS, m));
        sleepMin.manual().filter(m -> m.correctedBy().isPresent()).ifPresent(m -> corrections.put(Metric.SLEEP_MIN, m));
        sleepQuality
                .manual()
                .filter(m -> m.correctedBy().isPresent())
                .ifPresent(m -> corrections.put(Metric.SLEEP_QUALITY, m));
        notes.manual().filter(m -> m.correctedBy().isPresent()).ifPresent(m -> corrections.put(Metric.NOTES, m));
        return corrections;
    }

    /** Whether some value is manual; then {@code manual} is among the day's data sources. */
    public boolean hasManualValue() {
        return !manualFields().isEmpty();
    }

    /** The device platforms that contributed, in a stable order. */
    public List<DeviceSource> orderedDeviceSources() {
        return List.copyOf(
                deviceSources.stream().sorted(Comparator.naturalOrder()).collect(Collectors.toList()));
    }

    /** The record of the night behind the device's sleep minutes (shown even under a manual value). */
    public Optional<SleepRecord> sleep() {
        return sleepMin.device().map(DeviceValue::source).map(sleepRecords::get);
    }

    private Set<DeviceSource> plus(DeviceSource source) {
        Set<DeviceSource> sources = EnumSet.of(source);
        sources.addAll(deviceSources);
        return sources;
    }
}
