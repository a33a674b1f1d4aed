package org.fitsync.domain.run;

/** An edit to one optional field: leave it, set it, or clear it (a JSON {@code null}). */
public sealed interface FieldChange<T> {

    record Keep<T>() implements FieldChange<T> {}

    record SetTo<T>(T value) implements FieldChange<T> {
        public SetTo {
            if (value == null) {
                throw new IllegalArgumentException("use Clear to remove a value");
            }
        }
    }

    record Clear<T>() implements FieldChange<T> {}

    static <T> FieldChange<T> keep() {
        return new Keep<>();
    }
}
