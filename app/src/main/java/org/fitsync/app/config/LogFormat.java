package org.fitsync.app.config;

import java.util.Locale;
import java.util.Optional;

/**
 * How the node writes its log: JSON lines for log collectors, or one readable line per event for a
 * person watching a terminal. {@code FITSYNC_LOG_FORMAT} chooses ({@code json} or {@code text});
 * unset, a terminal on stdout gets text and anything else (a file, a pipe, a container) JSON.
 */
public enum LogFormat {
    JSON,
    TEXT;

    public static final String VARIABLE = "FITSYNC_LOG_FORMAT";

    static LogFormat from(Environment env, boolean terminal) {
        Optional<String> raw = env.string(VARIABLE);
        if (raw.isEmpty()) {
            return terminal ? TEXT : JSON;
        }
        return parse(raw.get())
                .orElseThrow(() -> new ConfigException(VARIABLE, "must be json or text, got '" + raw.get() + "'"));
    }

    /**
     * The format for the logging set-up, which runs before the configuration is read: a bad value
     * falls back to the default here, and the configuration then stops start-up naming the variable.
     */
    public static LogFormat choose(Optional<String> raw, boolean terminal) {
        return raw.map(String::trim)
                .filter(value -> !value.isEmpty())
                .flatMap(LogFormat::parse)
                .orElse(terminal ? TEXT : JSON);
    }

    /** Whether a person is likely watching: on Java 17 a console exists only when stdin and stdout are terminals. */
    // FitSync targets Java 17, where this null check is the test; Console.isTerminal() replaces it once the
    // baseline reaches Java 22, where System.console() is never null.
    @SuppressWarnings("SystemConsoleNull")
    public static boolean terminal() {
        return System.console() != null;
    }

    private static Optional<LogFormat> parse(String raw) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> Optional.of(JSON);
            case "text" -> Optional.of(TEXT);
            default -> Optional.empty();
        };
    }
}
