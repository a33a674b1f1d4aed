package org.fitsync.domain.sync;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A declared column of a collection. A read-only column is filled by the server: pushed values for
 * it are dropped and the stored value is kept. A non-optional column never holds {@code null}: a bad
 * or missing value becomes the type's default, as WatermelonDB's own sanitiser does.
 */
public record Column(String name, ColumnType type, boolean optional, boolean readOnly) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /**
     * Numbers from 1e21 up are bad values: JavaScript stops writing them as plain digits there, and
     * storage would expand them to hundreds of digits that many JSON readers refuse.
     */
    public static final double MAX_NUMBER = 1e21;

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("column name must match " + NAME + ": " + name);
        }
        if (Collection.RESERVED_COLUMNS.contains(name)) {
            throw new IllegalArgumentException("column name is reserved: " + name);
        }
    }

    public static Column string(String name) {
        return new Column(name, ColumnType.STRING, true, false);
    }

    public static Column number(String name) {
        return new Column(name, ColumnType.NUMBER, true, false);
    }

    public static Column bool(String name) {
        return new Column(name, ColumnType.BOOLEAN, true, false);
    }

    public Column asReadOnly() {
        return new Column(name, type, optional, true);
    }

    public Column asRequired() {
        return new Column(name, type, false, readOnly);
    }

    /** The value stored for a pushed value that does not fit the column's type. */
    public Value fallback() {
        if (optional) {
            return Value.NULL;
        }
        return switch (type) {
            case STRING -> new Value.Text("");
            case NUMBER -> new Value.Num(0);
            case BOOLEAN -> new Value.Bool(false);
        };
    }

    /** The pushed value as this column stores it: kept when it fits, otherwise {@link #fallback()}. */
    public Value sanitise(Value raw) {
        return switch (type) {
            // NUL cannot be stored (PostgreSQL text/JSONB reject it), so such a string is a bad value.
            case STRING -> raw instanceof Value.Text text && text.value().indexOf('\u0000') < 0 ? raw : fallback();
            case NUMBER -> raw instanceof Value.Num n && Math.abs(n.value()) < MAX_NUMBER ? raw : fallback();
            case BOOLEAN -> {
                if (raw instanceof Value.Bool) {
                    yield raw;
                }
                // SQLite-backed clients may send booleans as 0/1.
                if (raw instanceof Value.Num n && (n.value() == 0 || n.value() == 1)) {
                    yield new Value.Bool(n.value() == 1);
                }
                yield fallback();
            }
        };
    }
}
