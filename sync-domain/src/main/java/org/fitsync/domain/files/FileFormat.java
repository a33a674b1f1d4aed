package org.fitsync.domain.files;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of file FitSync takes in; each may also arrive gzip-compressed ({@code .fit.gz}, ...). */
public enum FileFormat {
    FIT,
    GPX,
    TCX,
    ZIP;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a file name announces ({@code run.FIT}, {@code run.gpx.gz}); empty for any other name. */
    public static Optional<FileFormat> ofFilename(String filename) {
        String name = filename.toLowerCase(Locale.ROOT);
        String bare = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        int dot = bare.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = bare.substring(dot + 1);
        return Arrays.stream(values())
                .filter(f -> f.wireName().equals(extension))
                .findFirst();
    }

    public static Optional<FileFormat> fromWire(String value) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(value)).findFirst();
    }
}
