package org.fitsync.adapter.postgres.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Whether a text is one JSON object that PostgreSQL's jsonb accepts: strict RFC 8259 syntax (Jackson's
 * defaults), plus jsonb's own limits, which Jackson does not know: no NUL character and no lone
 * surrogate in a string, exponents of at most four digits, nesting of at most {@value #MAX_DEPTH}
 * levels inside the object. Read as a token stream, so a deep or long text is refused where it fails.
 */
final class JsonbObjectText {

    static final int MAX_DEPTH = 100;
    private static final int MAX_EXPONENT_DIGITS = 4;
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonbObjectText() {}

    static boolean isObject(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            int open = 1;
            while (open > 0) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return false;
                }
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++open > MAX_DEPTH + 1) {
                            return false;
                        }
                    }
                    case END_OBJECT, END_ARRAY -> open--;
                    case FIELD_NAME, VALUE_STRING -> {
                        if (!storable(parser.getText())) {
                            return false;
                        }
                    }
                    case VALUE_NUMBER_FLOAT -> {
                        if (!exponentFits(parser.getText())) {
                            return false;
                        }
                    }
                    default -> {
                        // integers, true, false, null: nothing beyond the syntax
                    }
                }
            }
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** A jsonb string holds no NUL, and only whole surrogate pairs (UTF-8 has no lone surrogate). */
    private static boolean storable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    private static boolean exponentFits(String number) {
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e < 0) {
            return true;
        }
        int digits = number.length() - e - 1;
        if (digits > 0 && (number.charAt(e + 1) == '+' || number.charAt(e + 1) == '-')) {
            digits--;
        }
        return digits <= MAX_EXPONENT_DIGITS;
    }
}
