package org.fitsync.domain.daily;

import java.util.Objects;

/**
 * What a manual edit does to one field: leave it alone (the field was absent), set a manual
 * value, or clear the manual value so the device's shows again (the field was {@code null}).
 */
public sealed interface FieldEdit<T> {

    record Keep<T>() implements FieldEdit<T> {}

    record SetTo<T>(T value) implements FieldEdit<T> {
        public SetTo {
            Objects.requireNonNull(value, "value");
        }
    }

    record Clear<T>() implements FieldEdit<T> {}

    static <T> FieldEdit<T> keep() {
        return new Keep<>();
    }

    static <T> FieldEdit<T> setTo(T value) {
        return new SetTo<>(value);
    }

    static <T> FieldEdit<T> clear() {
        return new Clear<>();
    }
}
