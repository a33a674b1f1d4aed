package org.fitsync.adapter.http.daily;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.fitsync.adapter.http.ProblemException;
import org.fitsync.domain.daily.FieldEdit;
import org.fitsync.domain.daily.ManualEdit;

/**
 * Reads a manual entry body: an absent field is left alone, {@code null} clears the manual value
 * (the device's shows again), a value sets it. Unknown fields are refused, since a misspelt field
 * silently ignored would look like a saved value.
 */
public final class ManualEditReader {

    private static final Set<String> FIELDS = Set.of("steps", "sleep_min", "sleep_quality", "notes");

    private ManualEditReader() {}

    public static ManualEdit read(JsonNode body) {
        ItemFields fields = new ItemFields(body);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                fields.fail(name, "is not a field of a daily entry");
            }
        }
        FieldEdit<Integer> steps = edit(fields, "steps", fields::optionalInt);
        FieldEdit<Integer> sleepMin = edit(fields, "sleep_min", fields::optionalInt);
        FieldEdit<Integer> quality = edit(fields, "sleep_quality", fields::optionalInt);
        FieldEdit<String> notes = edit(fields, "notes", fields::optionalText);
        fields.add(ManualEdit.check(steps, sleepMin, quality, notes));
        if (!fields.valid()) {
            throw ProblemException.invalid(fields.errors());
        }
        return new ManualEdit(steps, sleepMin, quality, notes);
    }

    private static <T> FieldEdit<T> edit(ItemFields fields, String name, Function<String, Optional<T>> read) {
        if (!fields.has(name)) {
            return FieldEdit.keep();
        }
        if (fields.isNull(name)) {
            return FieldEdit.clear();
        }
        return read.apply(name).map(FieldEdit::setTo).orElseGet(FieldEdit::keep);
    }
}
