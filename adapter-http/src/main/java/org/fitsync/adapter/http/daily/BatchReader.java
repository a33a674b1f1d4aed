package org.fitsync.adapter.http.daily;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.daily.DailyLimits;
import org.fitsync.domain.daily.DeviceSource;

/**
 * Splits an ingest batch into its valid readings and its per-item errors. Only a body that is not
 * a batch at all (no valid {@code source}, no {@code items} array, too many items) fails as a whole.
 */
final class BatchReader {

    /** One item's outcome of reading: a reading, or what was wrong with it. */
    sealed interface Item<T> {
        int index();

        record Valid<T>(int index, T reading) implements Item<T> {}

        record Invalid<T>(int index, List<FieldError> errors) implements Item<T> {}
    }

    record Batch<T>(DeviceSource source, List<Item<T>> items) {
        List<T> readings() {
            List<T> readings = new ArrayList<>();
            for (Item<T> item : items) {
                if (item instanceof Item.Valid<T> valid) {
                    readings.add(valid.reading());
                }
            }
            return readings;
        }
    }

    private BatchReader() {}

    /** {@code readItem} reads one item's fields and returns its reading when they were all valid. */
    static <T> Batch<T> read(JsonNode body, Function<ItemFields, Optional<T>> readItem) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode sourceNode = body.get("source");
        Optional<DeviceSource> source = sourceNode != null && sourceNode.isTextual()
                ? DeviceSource.fromWireName(sourceNode.textValue())
                : Optional.empty();
        if (source.isEmpty()) {
            errors.add(new FieldError("source", "must be one of healthkit, health_connect, garmin"));
        }
        JsonNode items = body.get("items");
        if (items == null || !items.isArray()) {
            errors.add(new FieldError("items", "must be an array"));
        } else if (items.size() > DailyLimits.MAX_BATCH_ITEMS) {
            errors.add(new FieldError("items", "must hold at most " + DailyLimits.MAX_BATCH_ITEMS + " items"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        List<Item<T>> read = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            read.add(readOne(index, items.get(index), readItem));
        }
        return new Batch<>(source.get(), read);
    }

    private static <T> Item<T> readOne(int index, JsonNode node, Function<ItemFields, Optional<T>> readItem) {
        if (!node.isObject()) {
            return new Item.Invalid<>(index, List.of(new FieldError("item", "must be an object")));
        }
        ItemFields fields = new ItemFields(node);
        Optional<T> reading = readItem.apply(fields);
        if (fields.valid() && reading.isPresent()) {
            return new Item.Valid<>(index, reading.get());
        }
        return new Item.Invalid<>(index, fields.errors());
    }
}
