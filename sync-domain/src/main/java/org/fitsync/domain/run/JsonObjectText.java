package org.fitsync.domain.run;

/**
 * Whether a text is one JSON object that PostgreSQL's jsonb accepts: run metadata arrives through
 * sync as JSON text (not parsed by the HTTP layer), and a text the database refuses must be turned
 * away before it gets there. Strict RFC 8259 syntax, plus jsonb's own limits: no lone surrogate
 * escapes, exponents of at most four digits, nesting of at most {@value #MAX_DEPTH} levels.
 */
public final class JsonObjectText {

    static final int MAX_DEPTH = 100;

    private final String text;
    private int at;

    private JsonObjectText(String text) {
        this.text = text;
    }

    public static boolean isObject(String text) {
        JsonObjectText parser = new JsonObjectText(text);
        parser.space();
        if (!parser.peek('{') || !parser.value(0)) {
            return false;
        }
        parser.space();
        return parser.at == text.length();
    }

    private boolean value(int depth) {
        if (depth > MAX_DEPTH || at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> members(depth);
            case '[' -> elements(depth);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private boolean members(int depth) {
        at++;
        space();
        if (eat('}')) {
            return true;
        }
        do {
            space();
            if (!peek('"') || !string()) {
                return false;
            }
            space();
            if (!eat(':')) {
                return false;
            }
            space();
            if (!value(depth + 1)) {
                return false;
            }
            space();
        } while (eat(','));
        return eat('}');
    }

    private boolean elements(int depth) {
        at++;
        space();
        if (eat(']')) {
            return true;
        }
        do {
            space();
            if (!value(depth + 1)) {
                return false;
            }
            space();
        } while (eat(','));
        return eat(']');
    }

    private boolean string() {
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c == '\\') {
                if (at >= text.length()) {
                    return false;
                }
                char e = text.charAt(at++);
                if (e == 'u') {
                    if (!unicodeEscape()) {
                        return false;
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    return false;
                }
            }
        }
        return false;
    }

    /** After {@code \\u}: four hex digits; a high surrogate must be followed by an escaped low one. */
    private boolean unicodeEscape() {
        int unit = hex4();
        if (unit < 0 || unit == 0) {
            return false; // \u0000 cannot be stored
        }
        if (Character.isLowSurrogate((char) unit)) {
            return false;
        }
        if (Character.isHighSurrogate((char) unit)) {
            if (!text.startsWith("\\u", at)) {
                return false;
            }
            at += 2;
            int low = hex4();
            return low >= 0 && Character.isLowSurrogate((char) low);
        }
        return true;
    }

    private int hex4() {
        if (at + 4 > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at++), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private boolean number() {
        eat('-');
        if (eat('0')) {
            // no leading zeros
        } else if (digits() == 0) {
            return false;
        }
        if (eat('.') && digits() == 0) {
            return false;
        }
        if (eat('e') || eat('E')) {
            if (!eat('+')) {
                eat('-');
            }
            int count = digits();
            return count > 0 && count <= 4;
        }
        return true;
    }

    private int digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - start;
    }

    private boolean literal(String word) {
        if (text.startsWith(word, at)) {
            at += word.length();
            return true;
        }
        return false;
    }

    private void space() {
        while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private boolean eat(char c) {
        if (peek(c)) {
            at++;
            return true;
        }
        return false;
    }
}
