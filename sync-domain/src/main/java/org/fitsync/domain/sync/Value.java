package org.fitsync.domain.sync;

import java.util.Objects;

/**
 * A raw value of a synced record, as JSON carries it. {@link Structured} stands for arrays and
 * objects, which no column type accepts (structured data travels as JSON text).
 */
public sealed interface Value {

    Value NULL = new Null();
    Value STRUCTURED = new Structured();

    record Text(String value) implements Value {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A JSON number; WatermelonDB numbers are JavaScript doubles. */
    record Num(double value) implements Value {
        public Num {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("numbers must be finite");
            }
        }

        /** The number as an integer when it is one a JavaScript client holds exactly. */
        public boolean isSafeInteger() {
            return value == Math.rint(value) && Math.abs(value) <= 9_007_199_254_740_991d;
        }
    }

    record Bool(boolean value) implements Value {}

    record Null() implements Value {}

    record Structured() implements Value {}
}
