package org.fitsync.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of environment variables. Every parse failure is a {@link ConfigException} naming
 * the variable, so a bad value stops start-up with a message an operator can act on.
 */
public final class Environment {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|kb|kib|mb|mib|gb|gib)");

    /** The shortest HMAC key FitSync accepts: HS256 and the cursor tags need a 256-bit key. */
    public static final int MIN_HMAC_KEY_BYTES = 32;

    private final Map<String, String> values;

    public Environment(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public Optional<String> string(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String fallback) {
        return string(name).orElse(fallback);
    }

    public int integer(String name, int fallback, int min, int max) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be an integer, got '" + raw.get() + "'");
        }
    }

    /** Durations as {@code 500ms}, {@code 60s}, {@code 15m}, {@code 24h}, {@code 30d} or ISO-8601. */
    public Duration duration(String name, Duration fallback) {
        Optional<String> raw = string(name);
        return raw.isEmpty() ? fallback : parseDuration(name, raw.get());
    }

    public static Duration parseDuration(String name, String raw) {
        Matcher m = DURATION.matcher(raw.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(raw);
            if (d.isNegative()) {
                throw new ConfigException(name, "must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new ConfigException(name, "must be a duration such as 60s, 15m or 24h, got '" + raw + "'");
        }
    }

    /** Sizes in bytes, optionally with a unit: {@code 16MiB}, {@code 512kb}, {@code 1048576}. */
    public long bytes(String name, long fallback) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        Matcher m = SIZE.matcher(raw.get().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(name, "must be a size such as 16MiB or 1048576, got '" + raw.get() + "'");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "is too large");
        }
        long unit = switch (m.group(2)) {
            case "kb", "kib" -> 1024L;
            case "mb", "mib" -> 1024L * 1024;
            case "gb", "gib" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        if (n < 1 || n > Long.MAX_VALUE / unit) {
            throw new ConfigException(name, "must be a positive size");
        }
        return n * unit;
    }

    public Optional<URI> uri(String name) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new ConfigException(name, "must be an absolute http(s) URL, got '" + raw.get() + "'");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new ConfigException(name, "is not a valid URL: " + e.getMessage());
        }
    }

    /** A secret used as an HMAC key: at least {@link #MIN_HMAC_KEY_BYTES} bytes of UTF-8. */
    public Optional<String> hmacKey(String name) {
        Optional<String> secret = string(name);
        if (secret.isPresent() && secret.get().getBytes(StandardCharsets.UTF_8).length < MIN_HMAC_KEY_BYTES) {
            throw new ConfigException(
                    name, "must be at least " + MIN_HMAC_KEY_BYTES + " bytes (HMAC-SHA256 needs a 256-bit key)");
        }
        return secret;
    }

    public Path path(String name, String fallback) {
        String raw = string(name, fallback);
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new ConfigException(name, "is not a valid path: " + e.getMessage());
        }
    }
}
