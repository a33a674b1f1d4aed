package org.fitsync.adapter.http.daily;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntry;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.DeviceValue;
import org.fitsync.domain.daily.ManualValue;
import org.fitsync.domain.daily.Metric;
import org.fitsync.domain.daily.MetricValue;
import org.fitsync.domain.daily.SleepRecord;

/**
 * The daily entry resource. Besides the contract's fields it says who corrected what
 * ({@code corrections}) and which device values a manual value hides ({@code overridden}), so a
 * client can show "manual, overrode healthkit".
 */
public final class EntryJson {

    private EntryJson() {}

    public static Map<String, Object> items(List<DailyEntry> entries) {
        return Map.of("items", entries.stream().map(EntryJson::entry).toList());
    }

    public static Map<String, Object> entry(DailyEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", entry.date().toString());
        json.put("steps", entry.steps().effective().orElse(null));
        json.put("sleep_min", entry.sleepMin().effective().orElse(null));
        json.put("sleep_quality", entry.sleepQuality().effective().orElse(null));
        json.put("notes", entry.notes().effective().orElse(null));
        json.put(
                "sleep",
                entry.sleep()
                        .map(night ->
                                sleep(entry.sleepMin().device().orElseThrow().source(), night))
                        .orElse(null));
        json.put("data_sources", dataSources(entry));
        json.put(
                "manual_fields",
                entry.manualFields().stream().map(Metric::wireName).toList());
        json.put("corrections", corrections(entry));
        json.put("overridden", overridden(entry));
        return json;
    }

    private static List<String> dataSources(DailyEntry entry) {
        List<String> sources = new ArrayList<>();
        if (entry.hasManualValue()) {
            sources.add("manual");
        }
        entry.orderedDeviceSources().forEach(source -> sources.add(source.wireName()));
        return sources;
    }

    private static List<Map<String, Object>> corrections(DailyEntry entry) {
        List<Map<String, Object>> corrections = new ArrayList<>();
        for (Map.Entry<Metric, ManualValue<?>> correction : entry.corrections().entrySet()) {
            corrections.add(Map.of(
                    "field",
                    correction.getKey().wireName(),
                    "coach_id",
                    correction.getValue().correctedBy().map(UserId::value).orElseThrow()));
        }
        return corrections;
    }

    private static Map<String, Object> overridden(DailyEntry entry) {
        Map<String, Object> hidden = new LinkedHashMap<>();
        hiddenDeviceValue(entry.steps()).ifPresent(d -> hidden.put("steps", deviceValue(d)));
        hiddenDeviceValue(entry.sleepMin()).ifPresent(d -> hidden.put("sleep_min", deviceValue(d)));
        return hidden;
    }

    private static <T> Optional<DeviceValue<T>> hiddenDeviceValue(MetricValue<T> metric) {
        return metric.isManual() ? metric.device() : Optional.empty();
    }

    private static Map<String, Object> deviceValue(DeviceValue<?> value) {
        return Map.of("value", value.value(), "source", value.source().wireName());
    }

    private static Map<String, Object> sleep(DeviceSource source, SleepRecord night) {
        Map<String, Object> json = new LinkedHashMap<>();
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
}
